"""Record what a template reads while it renders, so a later build can tell if a page changed.

A page's HTML is a function of the template source and of the values the template reads. While a
page renders, its context variables are wrapped in proxies that write down every read as a path
from a context variable (`fact` → `.metric` → `.label`) and the plain value found there (a string,
a number, a date). Filters and template functions are wrapped too: their arguments are written as
paths and their results as reads of their own. On the next build the same paths are followed in
the new context: when every one leads to an equal value, the template would take the same branches
and write the same bytes, so the old HTML is reused. A read that cannot be written down as a path
marks the page untracked, and an untracked page is always rendered again.

Room: preview. Imports: nothing of the package.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import enum
import functools
import hashlib
import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jinja2
from jinja2.utils import _PassArg

Path = tuple  # of steps; the first names a context variable or a filter, test or function
Node = dict  # a step's reads: the next steps, and under FOUND what the step itself found
FOUND = "found"  # steps are tuples, so this key never clashes with one
START = object()  # the parent of a path's first step
LEAF_TYPES = (str, int, float, bool, type(None), enum.Enum, dt.date, decimal.Decimal, bytes)
LONG_TEXT = 256  # longer strings are compared by digest to keep the records small
ABSENT = ("absent",)  # what a read found when the attribute, key or variable was missing
RECORDER: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar("recorder", default=None)
BINARY_OPERATIONS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "mod": operator.mod,
    "radd": lambda a, b: b + a,
    "contains": operator.contains,
}
UNARY_OPERATIONS: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "bool": bool,
    "len": len,
    "hash": hash,
    "repr": repr,
}


class Untrackable(Exception):
    """A value that cannot be written down as a path or a plain value."""


def fingerprint(value: Any) -> Any:
    """Return what a read found, in a form that compares equal exactly when the value does."""
    if isinstance(value, str) and len(value) > LONG_TEXT:
        return (type(value), hashlib.blake2b(value.encode(), digest_size=16).digest())
    if isinstance(value, float | decimal.Decimal):  # 0.0 == -0.0 and 1.0 == 1.00, but print apart
        return (type(value), repr(value))
    return (type(value), value)


class Recorder:
    """The reads of one page while it renders, as a tree of steps from its variables."""

    def __init__(self) -> None:
        """Start with no reads."""
        self.reads: Node = {}
        self.tracked = True  # False once a read escaped: the page must always render again

    def wrap(self, value: Any, path: Path, node: Node) -> Any:
        """Return value as the template should see it: plain values are written down."""
        if isinstance(value, LEAF_TYPES):
            node[FOUND] = fingerprint(value)
            return value
        if isinstance(value, jinja2.Undefined):
            self.tracked = False
            return value
        return Tracked(value, path, node, self)

    def encode(self, value: Any) -> Any:
        """Return an argument as something a later build can turn back into its new value."""
        if isinstance(value, Tracked):
            return ("path", object.__getattribute__(value, "_path"))
        if isinstance(value, LEAF_TYPES):  # kept whole: a replay passes it to the call again
            exact = repr(value) if isinstance(value, float | decimal.Decimal) else None
            return ("value", type(value), value, exact)  # 1.0 and 1.00 are equal steps apart
        if isinstance(value, list | tuple):
            return (type(value).__name__, tuple(self.encode(item) for item in value))
        if isinstance(value, dict):
            return ("dict", tuple((self.encode(k), self.encode(v)) for k, v in value.items()))
        if isinstance(value, slice):  # items[1:] in a template
            parts = (value.start, value.stop, value.step)
            return ("slice", tuple(self.encode(part) for part in parts))
        if isinstance(value, jinja2.Undefined):  # the recorded variable names keep it undefined
            return ("undefined", None)
        raise Untrackable(type(value).__name__)

    def step_with(self, kind: str, *operands: Any) -> tuple:
        """Return a step with encoded operands, marked when it reads no other path."""
        encoded = tuple(self.encode(operand) for operand in operands)
        return (kind, *encoded, not any(refers_to_paths(item) for item in encoded))


def refers_to_paths(encoded: Any) -> bool:
    """Return whether an encoded argument names a path, so its value differs from page to page."""
    kind = encoded[0]
    if kind == "value":
        return False
    if kind in ("path", "undefined"):
        return True
    if kind == "dict":
        return any(refers_to_paths(k) or refers_to_paths(v) for k, v in encoded[1])
    return any(refers_to_paths(item) for item in encoded[1])


def plain(value: Any) -> Any:
    """Return the object a proxy stands for, looking inside lists, tuples and dicts."""
    if isinstance(value, Tracked):
        return object.__getattribute__(value, "_target")
    if isinstance(value, list | tuple):
        return type(value)(plain(item) for item in value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    return value


class Tracked:
    """A stand-in for an object a template reads, recording each read as a path."""

    __slots__ = ("_target", "_path", "_node", "_recorder")

    def __init__(self, target: Any, path: Path, node: Node, recorder: Recorder) -> None:
        """Stand in for target, found at path; its reads go below node."""
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_node", node)
        object.__setattr__(self, "_recorder", recorder)

    def _step(self, step: tuple, value: Any) -> Any:
        """Return the value found one step further, wrapped and recorded."""
        recorder = object.__getattribute__(self, "_recorder")
        node = object.__getattribute__(self, "_node").setdefault(step, {})
        return recorder.wrap(value, (*object.__getattribute__(self, "_path"), step), node)

    def _missing(self, step: tuple) -> None:
        """Record that a step found nothing."""
        object.__getattribute__(self, "_node").setdefault(step, {})[FOUND] = ABSENT

    def __getattr__(self, name: str) -> Any:
        """Read an attribute of the object."""
        try:
            value = getattr(object.__getattribute__(self, "_target"), name)
        except AttributeError:
            self._missing(("attr", name))
            raise
        return self._step(("attr", name), value)

    def __getitem__(self, key: Any) -> Any:
        """Read an item of a list or a mapping."""
        recorder = object.__getattribute__(self, "_recorder")
        try:
            step = recorder.step_with("item", key)
        except Untrackable:
            recorder.tracked = False
            return object.__getattribute__(self, "_target")[plain(key)]
        try:
            value = object.__getattribute__(self, "_target")[plain(key)]
        except (LookupError, TypeError):
            self._missing(step)
            raise
        return self._step(step, value)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call a method of an object, recording its arguments."""
        recorder = object.__getattribute__(self, "_recorder")
        value = object.__getattribute__(self, "_target")(*plain(args), **plain(kwargs))
        try:
            step = recorder.step_with("call", args, dict(sorted(kwargs.items())))
        except Untrackable:
            recorder.tracked = False
            return value
        return self._step(step, value)

    def __iter__(self) -> Iterator[Any]:
        """Go through the items, recording how many there are and each one used."""
        items = list(object.__getattribute__(self, "_target"))
        self._step(("len",), len(items))
        for index, item in enumerate(items):
            yield self._step(("nth", index), item)

    def _operation(self, name: str, *other: Any) -> Any:
        """Apply an operator to the object, recording it with its other operand."""
        recorder = object.__getattribute__(self, "_recorder")
        target = object.__getattribute__(self, "_target")
        if not other:
            return self._step((name,), UNARY_OPERATIONS[name](target))
        value = BINARY_OPERATIONS[name](target, plain(other[0]))
        try:
            step = recorder.step_with(name, other[0])
        except Untrackable:
            recorder.tracked = False
            return value
        return self._step(step, value)

    def __str__(self) -> str:
        """Return the object as text."""
        return self._operation("str")

    def __repr__(self) -> str:
        """Return the object's representation."""
        return self._operation("repr")

    def __bool__(self) -> bool:
        """Return whether the object is true."""
        return self._operation("bool")

    def __len__(self) -> int:
        """Return the object's length."""
        return self._operation("len")

    def __hash__(self) -> int:
        """Return the object's hash."""
        return self._operation("hash")

    def __contains__(self, item: Any) -> bool:
        """Return whether the object holds item."""
        return self._operation("contains", item)

    def __eq__(self, other: object) -> bool:
        """Compare with another value."""
        return self._operation("eq", other)

    def __ne__(self, other: object) -> bool:
        """Compare with another value."""
        return self._operation("ne", other)

    def __lt__(self, other: Any) -> bool:
        """Compare with another value."""
        return self._operation("lt", other)

    def __le__(self, other: Any) -> bool:
        """Compare with another value."""
        return self._operation("le", other)

    def __gt__(self, other: Any) -> bool:
        """Compare with another value."""
        return self._operation("gt", other)

    def __ge__(self, other: Any) -> bool:
        """Compare with another value."""
        return self._operation("ge", other)

    def __add__(self, other: Any) -> Any:
        """Add another value."""
        return self._operation("add", other)

    def __radd__(self, other: Any) -> Any:
        """Add to another value."""
        return self._operation("radd", other)

    def __sub__(self, other: Any) -> Any:
        """Subtract another value."""
        return self._operation("sub", other)

    def __mul__(self, other: Any) -> Any:
        """Multiply by another value."""
        return self._operation("mul", other)

    def __mod__(self, other: Any) -> Any:
        """Format or take the remainder."""
        return self._operation("mod", other)


def pass_argument(function: Callable) -> _PassArg | None:
    """Return what Jinja passes first to a filter, test or function (context, environment...)."""
    return _PassArg.from_obj(function)


def tracked_function(kind: str, name: str, function: Any) -> Callable:
    """Wrap a filter, test or template function so calls during recording are written down."""
    passes = pass_argument(function)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        recorder = RECORDER.get()
        if recorder is None:
            return function(*args, **kwargs)
        first, rest = (args[:1], args[1:]) if passes is not None else ((), args)
        if passes is _PassArg.eval_context:
            marker: tuple = ("eval_context", first[0].autoescape)
        elif passes is _PassArg.context:
            marker = ("context",)  # replays get the page's variables: see ReplayContext
        else:
            marker = ("environment",) if passes is _PassArg.environment else ()
        inner = RECORDER.set(None)  # filters calling filters are part of this one call
        try:
            value = function(*first, *plain(rest), **plain(kwargs))
        finally:
            RECORDER.reset(inner)
        try:
            call = recorder.step_with("call", rest, dict(sorted(kwargs.items())))
        except Untrackable:
            recorder.tracked = False
            return value
        start = (kind, name, marker)
        node = recorder.reads.setdefault(start, {}).setdefault(call, {})
        return recorder.wrap(value, (start, call), node)

    return wrapper


def track_environment(environment: jinja2.Environment, user_globals: Mapping[str, Any]) -> None:
    """Install the site's filters, tests and functions, wrapped so renders can be recorded."""
    for name, function in list(environment.filters.items()):
        environment.filters[name] = tracked_function("filter", name, function)
    for name, test in list(environment.tests.items()):
        environment.tests[name] = tracked_function("test", name, test)
    for name, function in user_globals.items():
        if callable(function):
            environment.globals[name] = tracked_function("global", name, function)
        else:
            environment.globals[name] = function


def record_render(template: jinja2.Template, context: dict[str, Any]) -> tuple[str, Recorder]:
    """Render a template, recording every read of its context; return the text and the reads."""
    recorder = Recorder()
    recorder.reads[("keys",)] = {FOUND: fingerprint(tuple(sorted(context)))}
    tracked = {
        name: recorder.wrap(value, (("var", name),), recorder.reads.setdefault(("var", name), {}))
        for name, value in context.items()
    }
    token = RECORDER.set(recorder)
    try:
        text = template.render(tracked)
    finally:
        RECORDER.reset(token)
    return text, recorder
