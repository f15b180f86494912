"""Fields that say who produced a figure, where it belongs and whether its meaning is clear.

Room: inputs. Imports: inputs.values.
"""

from __future__ import annotations

from ipregions.inputs.values import Choice, Field, Obj, Slug, Text

SCOPE_FIELD = Field(
    "scope",
    Choice(values=("regional", "national")),
    "regional (the default) or national: figures about China as a whole, such as a nationwide "
    "series; a national metric's facts go under the national place.",
)
SOURCE_PRODUCER_FIELD = Field(
    "producer", Text(), "Who produced the figures the article reports, when it says so: CNIPA."
)
NOTE_FIELD = Field("note", Text(), "Words for readers; required when the meaning is unclear.")
PRODUCER_FIELD = Field(
    "producer", Text(), "Who produced the figure, when not the article's producer."
)
MEANING_FIELD = Field(
    "meaning",
    Choice(values=("clear", "unclear")),
    "clear (the default) or unclear: what the figure counts is unclear; the note says why, and "
    "the figure stays out of comparisons.",
)
COUNTRY_FILE = Obj(
    (
        Field("id", Slug(), "The national place's id, a fact's place: china.", required=True),
        Field("name", Text(), "English name: China.", required=True),
        Field("name_zh", Text(), "Chinese name: 中国.", required=True),
        Field("summary", Text(), "One or two sentences in our own words.", required=True),
    ),
    description="data/country.yaml: China as a whole, the place of nationwide figures.",
)
