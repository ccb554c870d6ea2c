"""``record``: the frozen data classes of the model, rules and findings, built at no import cost.

Why not ``dataclasses.dataclass``: it writes each class's ``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__`` and ``__delattr__`` as source text and compiles it,
one ``exec`` per method, every time the module is imported, and importing ``dataclasses``
imports ``inspect`` (with ``ast``, ``dis``, ``tokenize``). ``check``'s modules hold 42 data
classes, 229 such methods: measured 2026-12 on this machine, the compiles were about 40 ms of
the ~105 ms CPU of an empty file's ``check`` and the imports about 10 ms more.

``record`` takes ``dataclass``'s arguments that this code uses (``frozen``, ``eq``, ``repr``,
``init``), and :func:`field`, :func:`fields` and :func:`replace` stand for their namesakes.
Fields are read from the class annotations in order, as ``dataclass`` reads them; the methods
are the functions below, shared by all records and specialised by closures over the field
names, so nothing is compiled. They behave as the generated ones do (tests/test_records.py
runs the same class bodies through both): positional and keyword arguments with defaults and
factories, ``__post_init__``, equality on the fields that compare (same class only), the hash
of a frozen record (that of the tuple of its compared fields), ``FrozenInstanceError``, a
repr of the fields that show, ``__match_args__``. Type checkers see ``dataclasses`` itself.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, Dict, FrozenSet, Optional, Tuple, TYPE_CHECKING

__all__ = ["record", "field", "fields", "replace", "MISSING"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """One field of a record, as ``dataclasses.Field`` describes it (the parts used here)."""

    __slots__ = ("name", "default", "default_factory", "init", "repr", "compare", "hash")

    def __init__(self, default: Any, default_factory: Any, init: bool, repr: bool,
                 compare: bool, hash: Optional[bool]) -> None:
        self.name = ""
        self.default, self.default_factory = default, default_factory
        self.init, self.repr, self.compare, self.hash = init, repr, compare, hash

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r})"


def _field(*, default: Any = MISSING, default_factory: Any = MISSING, init: bool = True,
           repr: bool = True, compare: bool = True, hash: Optional[bool] = None) -> Any:
    """``dataclasses.field``: a field's default or default factory and what it takes part in."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, compare, hash)


def _fields(class_or_instance: Any) -> Tuple[Field, ...]:
    """``dataclasses.fields``: the record's fields in order."""
    try:
        return tuple(class_or_instance.__record_fields__.values())
    except AttributeError:
        raise TypeError("must be called with a record type or instance") from None


def _replace(instance: Any, **changes: Any) -> Any:
    """``dataclasses.replace``: a new record with ``changes``, its other fields kept."""
    for item in _fields(instance):
        if not item.init:
            if item.name in changes:
                raise ValueError(f"field {item.name} is declared with init=False, it cannot "
                                 "be specified with replace()")
        elif item.name not in changes:
            changes[item.name] = getattr(instance, item.name)
    return instance.__class__(**changes)


def _record(cls: Optional[type] = None, *, init: bool = True, repr: bool = True,
            eq: bool = True, frozen: bool = False) -> Any:
    """``@record``, ``@record(frozen=True)``...: see the module docstring."""
    def wrap(target: type) -> type:
        return _build(target, init=init, show=repr, eq=eq, frozen=frozen)

    return wrap if cls is None else wrap(cls)


if TYPE_CHECKING:  # checkers know dataclass's signature and the fields it adds to __init__
    from dataclasses import dataclass as record, field, fields, replace
else:
    record, field, fields, replace = _record, _field, _fields, _replace


# --------------------------------------------------------------------------- building


def _build(cls: type, *, init: bool, show: bool, eq: bool, frozen: bool) -> type:
    had_hash = _explicit_hash(cls)
    own = _collect(cls)
    cls.__record_fields__ = own  # type: ignore[attr-defined]
    items = tuple(own.values())
    if "__match_args__" not in cls.__dict__:
        type.__setattr__(cls, "__match_args__", tuple(f.name for f in items if f.init))
    _set(cls, "__init__", _init(cls, items), init)
    _set(cls, "__repr__", _repr(tuple(f.name for f in items if f.repr)), show)
    _set(cls, "__eq__", _eq(tuple(f.name for f in items if f.compare)), eq)
    if eq and not had_hash:  # as dataclass decides without unsafe_hash
        hashed = tuple(f.name for f in items if (f.compare if f.hash is None else f.hash))
        method: Optional[Callable[[Any], int]] = _hash(hashed) if frozen else None
        type.__setattr__(cls, "__hash__", method)
    if frozen:
        if "__setattr__" in cls.__dict__ or "__delattr__" in cls.__dict__:
            raise TypeError(f"cannot overwrite __setattr__ or __delattr__ of {cls.__name__}")
        names = frozenset(own)
        cls.__setattr__, cls.__delattr__ = _frozen(cls, names)  # type: ignore[method-assign]
    return cls


def _collect(cls: type) -> Dict[str, Field]:
    """The fields of ``cls``: its bases' records' first, then its own annotations in order.
    A default becomes the class attribute, as with dataclass; a factory leaves none."""
    found: Dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        found.update(getattr(base, "__record_fields__", {}))
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if str(annotation).replace("typing.", "").startswith("ClassVar"):
            continue
        value = cls.__dict__.get(name, MISSING)
        item = value if isinstance(value, Field) else _field(default=value)
        item.name = name
        if isinstance(item.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(item.default)} for field {name} is not "
                             "allowed: use default_factory")
        if item.default is not MISSING:
            setattr(cls, name, item.default)
        elif isinstance(value, Field):
            delattr(cls, name)
        found[name] = item
    _check_order(cls, found)
    return found


def _check_order(cls: type, found: Dict[str, Field]) -> None:
    seen_default = ""
    for item in found.values():
        if not item.init:
            continue
        if item.default is not MISSING or item.default_factory is not MISSING:
            seen_default = item.name
        elif seen_default:
            raise TypeError(f"non-default argument {item.name!r} follows default argument "
                            f"in {cls.__name__}")


def _explicit_hash(cls: type) -> bool:
    """Whether the class body defines ``__hash__`` (a body with ``__eq__`` and no ``__hash__``
    gets ``__hash__ = None`` from Python, which does not count)."""
    own = cls.__dict__.get("__hash__", MISSING)
    return not (own is MISSING or (own is None and "__eq__" in cls.__dict__))


def _set(cls: type, name: str, method: Callable[..., Any], wanted: bool) -> None:
    """Add a method unless it is not wanted or the class body wrote its own (as dataclass)."""
    if wanted and name not in cls.__dict__:
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


# --------------------------------------------------------------------------- the methods


def _init(cls: type, items: Tuple[Field, ...]) -> Callable[..., None]:
    names = tuple(f.name for f in items if f.init)
    count = len(names)
    known = frozenset(names)
    later = tuple(f for f in items if not f.init)  # set from their default, as dataclass does
    # for each number of positional arguments: the fields after them, default and factory
    fields = [(f.name, f.default, f.default_factory) for f in items if f.init]
    tails = [tuple(fields[given:]) for given in range(count + 1)]
    defaults = {name: default for name, default, _ in fields if default is not MISSING}
    factories = tuple((name, factory) for name, _, factory in fields if factory is not MISSING)
    post_init = getattr(cls, "__post_init__", None) is not None
    qualname = cls.__qualname__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = len(args)
        if given > count:
            raise TypeError(f"{qualname}.__init__() takes {count + 1} positional arguments "
                            f"but {given + 1} were given")
        if kwargs:
            if not given and len(kwargs) == count and known.issuperset(kwargs):
                self.__dict__.update(kwargs)  # every field by keyword
            else:
                _keywords(self, args, kwargs, names, known, defaults, factories, qualname)
        else:
            state = self.__dict__
            state.update(zip(names, args))
            for name, default, factory in tails[given]:
                if default is not MISSING:
                    state[name] = default
                elif factory is not MISSING:
                    state[name] = factory()
                else:
                    raise _missing(qualname, name)
        for item in later:
            if item.default is not MISSING:
                self.__dict__[item.name] = item.default
            elif item.default_factory is not MISSING:
                self.__dict__[item.name] = item.default_factory()
        if post_init:
            self.__post_init__()

    return __init__


def _keywords(self: Any, args: Tuple[Any, ...], kwargs: Dict[str, Any], names: Tuple[str, ...],
              known: FrozenSet[str], defaults: Dict[str, Any],
              factories: Tuple[Tuple[str, Callable[[], Any]], ...], qualname: str) -> None:
    """``__init__`` with keyword arguments: checked as Python checks them, set in field order."""
    state = dict(zip(names, args))
    _check_keywords(kwargs, state, known, qualname)
    state.update(kwargs)
    if len(state) < len(names):
        for name, factory in factories:
            if name not in state:
                state[name] = factory()
        for name in names:
            if name not in state:
                if name not in defaults:
                    raise _missing(qualname, name)
                state[name] = defaults[name]
    self.__dict__.update({name: state[name] for name in names})  # in field order


def _missing(qualname: str, name: str) -> TypeError:
    return TypeError(f"{qualname}.__init__() missing 1 required positional argument: '{name}'")


def _check_keywords(kwargs: Dict[str, Any], state: Dict[str, Any], known: FrozenSet[str],
                    qualname: str) -> None:
    """TypeError for a keyword that names no field or a field given by position too."""
    if known.issuperset(kwargs) and state.keys().isdisjoint(kwargs):
        return
    for key in kwargs:
        if key in state:
            raise TypeError(f"{qualname}.__init__() got multiple values for argument '{key}'")
        if key not in known:
            raise TypeError(f"{qualname}.__init__() got an unexpected keyword argument '{key}'")


def _repr(names: Tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _values(names: Tuple[str, ...]) -> Callable[[Any], Tuple[Any, ...]]:
    """The tuple of the named fields (what the generated methods compare and hash)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda instance: (one(instance),)
    return lambda instance: ()


def _eq(names: Tuple[str, ...]) -> Callable[[Any, Any], Any]:
    values = _values(names)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(names: Tuple[str, ...]) -> Callable[[Any], int]:
    values = _values(names)

    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _frozen(cls: Any, names: FrozenSet[str]) -> Tuple[Callable[..., None], Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    __setattr__.__qualname__ = f"{cls.__qualname__}.__setattr__"
    __delattr__.__qualname__ = f"{cls.__qualname__}.__delattr__"
    return __setattr__, __delattr__


def _frozen_error(message: str) -> Exception:
    """``dataclasses.FrozenInstanceError`` (an AttributeError), imported only to be raised."""
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(message)
