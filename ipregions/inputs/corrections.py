"""Read data/corrections.yaml: dated changes to published facts and articles.

Room: inputs. Imports: model, errors, inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ipregions.inputs.collected import Collected, location
from ipregions.inputs.files import FILE_KINDS, FileKind
from ipregions.inputs.values import Record
from ipregions.model import Correction

CORRECTIONS_FILE = "corrections.yaml"

ReadFile = Callable[[Path, FileKind], tuple[str, Record | None]]


def read_corrections(collected: Collected, read: ReadFile) -> None:
    """Read data/corrections.yaml when it exists, after every fact and article is known."""
    file: Path = collected.data_dir / CORRECTIONS_FILE
    if not file.exists():
        return
    path, record = read(file, FILE_KINDS["corrections"])
    for number, item in enumerate(record.get("corrections", []) if record else [], start=1):
        sound = item.complete
        for key, kind in (("facts", "fact"), ("sources", "source")):
            node = item.nodes.get(key)
            for name, child in zip(item.get(key, []), getattr(node, "value", []), strict=False):
                # An article whose file has mistakes of its own is still an article: its file
                # reports them, and naming it here is not one more mistake.
                known = (
                    collected.item_kinds.get(name) == "fact"
                    if kind == "fact"
                    else name in collected.sources
                    or (collected.data_dir / "sources" / f"{name}.yaml").is_file()
                )
                if not known:
                    choices = (
                        [k for k, v in collected.item_kinds.items() if v == "fact"]
                        if kind == "fact"
                        else list(collected.sources)
                    )
                    collected.unknown(path, child, kind, name, choices)
                    sound = False
        if not item.get("facts") and not item.get("sources"):
            hint = "list the ids of the facts or articles the correction changed"
            collected.report(path, item.node, "a correction needs 'facts' or 'sources'", hint)
            sound = False
        if sound:
            collected.corrections.append(
                Correction(
                    date=item["date"],
                    fact_ids=list(item.get("facts", [])),
                    source_ids=list(item.get("sources", [])),
                    changed=item["changed"],
                    why=item["why"],
                    number=number,
                    location=location(path, item.node),
                )
            )
