"""Typed service settings: defaults, then a TOML file, then `<PREFIX><NAME>` environment
variables, then command-line flags, each overriding the one before.

A service declares its settings as a frozen dataclass whose fields are `Path`, `str`,
`int`, `float` (finite: nan and inf are refused), `bool` (or those `| None`), with an
optional `validate()` that raises `ConfigError`, and loads them with `load_settings`:

    @dataclass(frozen=True, slots=True)
    class KeeperConfig:
        keypair: Path
        rpc_url: str = "localnet"
        interval_secs: float = 5.0

    cfg = load_settings(KeeperConfig, "IONET_KEEPER_", file, defaults={...}, interval_secs=flag)
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ionet_sdk.errors import ConfigError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance as _Settings

T = TypeVar("T", bound="_Settings")


def coerce(service: str, name: str, kind: Any, value: Any) -> Any:
    """`value` (from TOML, env text or a flag) as the field's declared type (given as the
    annotation text, `from __future__ import annotations`); `ConfigError` otherwise."""
    text = str(kind)
    try:
        if value is None:
            return None
        if "Path" in text:
            return Path(str(value)).expanduser()
        if text.startswith("bool"):
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("1", "true", "yes", "on"):
                return True
            if str(value).lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if text.startswith("int"):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if text.startswith("float"):
            if isinstance(value, bool):
                raise ValueError(value)
            number = float(value)
            if not math.isfinite(number):  # nan passes every `x <= 0` check: refuse it here
                raise ValueError(value)
            return number
        if isinstance(value, (dict, list)):
            raise ValueError(value)
        return str(value)
    except (ValueError, TypeError):
        raise ConfigError(f"{service} setting {name}: {value!r} is not a valid {text}") from None


def load_settings(
    cls: type[T],
    env_prefix: str,
    file: Path | None = None,
    env: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
    **flags: Any,
) -> T:
    """Build `cls` from `defaults` (e.g. the CLI's global --url/--keypair; keys `cls` does
    not know are ignored), then `file` (TOML; unknown keys are errors), then `env`
    (`<env_prefix><NAME>`, default `os.environ`), then `flags` (None means not given), and
    call its `validate()` if it has one.

    Raises `ConfigError` for a missing or unreadable file, an unknown setting, a value of
    the wrong type, a required setting left unset, or what `validate()` rejects."""
    service = env_prefix.removeprefix("IONET_").rstrip("_").lower() or "service"
    env = dict(os.environ) if env is None else env
    known = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {
        name: coerce(service, name, known[name].type, value)
        for name, value in (defaults or {}).items()
        if name in known and value is not None
    }
    if file is not None:
        try:
            data = tomllib.loads(Path(file).expanduser().read_text())
        except FileNotFoundError:
            raise ConfigError(f"{service} config file {file} does not exist") from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"{service} config file {file}: {err}") from None
        for key, value in data.items():
            if key not in known:
                raise ConfigError(f"{service} config file {file}: unknown setting {key!r}")
            values[key] = coerce(service, key, known[key].type, value)
    for name, field in known.items():
        if (text := env.get(env_prefix + name.upper())) is not None:
            values[name] = coerce(service, name, field.type, text)
    for name, value in flags.items():
        if name not in known:
            raise ConfigError(f"unknown {service} setting {name!r}")
        if value is not None:
            values[name] = coerce(service, name, known[name].type, value)
    for name, field in known.items():
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        if required and name not in values:
            flag = "--" + name.replace("_", "-")
            raise ConfigError(
                f"the {service} needs a {name} ({flag}, {env_prefix}{name.upper()} or {name} = in the file)"
            )
    settings = cls(**values)
    validate = getattr(settings, "validate", None)
    if callable(validate):
        validate()
    return settings


def redacted(settings: _Settings) -> dict[str, Any]:
    """The settings to log at start: paths as text (a keypair's path, never its bytes)."""
    return {
        f.name: str(v) if isinstance(v := getattr(settings, f.name), Path) else v
        for f in dataclasses.fields(settings)
    }
