"""``record``: ``dataclasses.dataclass`` without compiling code when a module is imported.

Why: ``dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` and ``__delattr__`` as source text and compiles it, one ``exec`` per method,
every time the module is imported. ``check``'s modules hold 42 dataclasses, 229 such methods:
about 0.15 ms each, a third of the imports of an empty file's ``check`` (measured 2026-12
on this machine, CPU time of ``dataclasses._create_fn`` against the whole run).

``record`` takes the same arguments as ``dataclass`` (``frozen``, ``eq``, ``repr``, ``init``)
and gives a class that is still a dataclass to everything that asks: ``dataclasses`` does the
field bookkeeping (``fields()``, ``replace()``, ``asdict()``, ``__match_args__`` work as
before), asked for no methods, so nothing is compiled; the methods come from the functions
below, shared by all records and specialised by closures over the field names. They behave as
the generated ones do (tests/test_records.py compares the two on the same classes): positional
and keyword arguments with defaults and factories, ``__post_init__``, equality on the fields
that compare (same class only), the hash of a frozen record, ``FrozenInstanceError``, a repr of
the fields that show. Type checkers see ``dataclass`` itself.
"""
from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, Callable, Dict, FrozenSet, Optional, Tuple, TYPE_CHECKING

__all__ = ["record"]


def _record(cls: Optional[type] = None, *, init: bool = True, repr: bool = True,
            eq: bool = True, frozen: bool = False) -> Any:
    """``@record``, ``@record(frozen=True)``...: see the module docstring."""
    def wrap(target: type) -> type:
        return _build(target, init=init, show=repr, eq=eq, frozen=frozen)

    return wrap if cls is None else wrap(cls)


if TYPE_CHECKING:  # checkers know dataclass's signature and the fields it adds to __init__
    from dataclasses import dataclass as record
else:
    record = _record


def _build(cls: type, *, init: bool, show: bool, eq: bool, frozen: bool) -> type:
    had_hash = _explicit_hash(cls)
    cls = dataclasses.dataclass(init=False, repr=False, eq=False, frozen=False)(cls)
    fields = dataclasses.fields(cls)
    _set(cls, "__init__", _init(cls, fields), init)
    _set(cls, "__repr__", _repr(tuple(f.name for f in fields if f.repr)), show)
    compared = tuple(f.name for f in fields if f.compare)
    _set(cls, "__eq__", _eq(compared), eq)
    if eq and not had_hash:  # as dataclass decides without unsafe_hash
        hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
        method: Optional[Callable[[Any], int]] = _hash(hashed) if frozen else None
        type.__setattr__(cls, "__hash__", method)
    if frozen:
        if "__setattr__" in cls.__dict__ or "__delattr__" in cls.__dict__:
            raise TypeError(f"cannot overwrite __setattr__ or __delattr__ of {cls.__name__}")
        names = frozenset(f.name for f in fields)
        cls.__setattr__, cls.__delattr__ = _frozen(cls, names)  # type: ignore[method-assign]
    return cls


def _explicit_hash(cls: type) -> bool:
    """Whether the class body defines ``__hash__`` (a body with ``__eq__`` and no ``__hash__``
    gets ``__hash__ = None`` from Python, which does not count)."""
    own = cls.__dict__.get("__hash__", dataclasses.MISSING)
    return not (own is dataclasses.MISSING or (own is None and "__eq__" in cls.__dict__))


def _set(cls: type, name: str, method: Callable[..., Any], wanted: bool) -> None:
    """Add a method unless it is not wanted or the class body wrote its own (as dataclass)."""
    if wanted and name not in cls.__dict__:
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


def _init(cls: type, fields: Tuple["dataclasses.Field[Any]", ...]) -> Callable[..., None]:
    names = tuple(f.name for f in fields if f.init)
    count = len(names)
    later = tuple(f for f in fields if not f.init)  # set from their default, as dataclass does
    known = frozenset(names)
    defaults: Dict[str, Any] = {f.name: f.default for f in fields
                                if f.default is not dataclasses.MISSING}
    factories = {f.name: f.default_factory for f in fields
                 if f.default_factory is not dataclasses.MISSING}
    post_init = getattr(cls, "__post_init__", None) is not None
    qualname = cls.__qualname__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > count:
            raise TypeError(f"{qualname}.__init__() takes {count + 1} positional arguments but "
                            f"{len(args) + 1} were given")
        if kwargs or len(args) < count:
            state = dict(zip(names, args))
            for key in kwargs:
                if key in state:
                    raise TypeError(f"{qualname}.__init__() got multiple values for argument "
                                    f"'{key}'")
                if key not in known:
                    raise TypeError(f"{qualname}.__init__() got an unexpected keyword argument "
                                    f"'{key}'")
            state.update(kwargs)
            args = tuple(_value(state, name, defaults, factories, qualname) for name in names)
        self.__dict__.update(zip(names, args))
        for field in later:
            if field.default is not dataclasses.MISSING:
                self.__dict__[field.name] = field.default
            elif field.default_factory is not dataclasses.MISSING:
                self.__dict__[field.name] = field.default_factory()
        if post_init:
            self.__post_init__()

    return __init__


def _value(state: Dict[str, Any], name: str, defaults: Dict[str, Any],
           factories: Dict[str, Callable[[], Any]], qualname: str) -> Any:
    if name in state:
        return state[name]
    if name in defaults:
        return defaults[name]
    if name in factories:
        return factories[name]()
    raise TypeError(f"{qualname}.__init__() missing 1 required positional argument: '{name}'")


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
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    __setattr__.__qualname__ = f"{cls.__qualname__}.__setattr__"
    __delattr__.__qualname__ = f"{cls.__qualname__}.__delattr__"
    return __setattr__, __delattr__
