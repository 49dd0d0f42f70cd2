"""Typed reads and writes of the settings, the check-ins and the agreements: the part of `Store`
for the tables whose documents `documents.py` converts, kept through TinyDB."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace
from tinydb import Query, TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Document, Table

from tui.core.agreements import Agreement
from tui.core.checkins import CheckinRecord
from tui.core.models import Settings
from tui.store.documents import (
    agreement_to_document,
    agreements_from_documents,
    checkin_to_document,
    checkins_from_documents,
    settings_from_document,
    settings_to_document,
)
from tui.store.schema import (
    AGREEMENTS_TABLE,
    CHECKINS_TABLE,
    SETTINGS_TABLE,
    SINGLE_DOCUMENT_ID,
)
from tui.store.storage import DurableJSONStorage


class SettingsCheckinsAgreements:
    """The settings, check-ins and agreements; mixed into `Store`, whose storage it shares.

    The settings and every check-in are converted once and kept in step with each successful
    save: every pane asks for the settings on each redraw, and the first screen needs every
    check-in. `forget_settings_and_checkins` reads them again after a rollback.
    """

    _storage: DurableJSONStorage
    _database: TinyDB
    _settings: Settings | None
    _checkins: dict[str, CheckinRecord]

    if TYPE_CHECKING:

        def batch(self) -> AbstractContextManager[None]:
            """Every write inside one save (`Store.batch`)."""

    def forget_settings_and_checkins(self) -> None:
        """After a failed save rolled the storage back: mirror what it holds again."""
        self._settings = None
        self._checkins = checkins_from_documents(self._table(CHECKINS_TABLE))

    # --- settings -------------------------------------------------------------------------

    def settings(self) -> Settings:
        """The couple's settings as saved; only valid once `is_set_up`."""
        if self._settings is None:
            document = self._table(SETTINGS_TABLE).get(doc_id=int(SINGLE_DOCUMENT_ID))
            if document is None:
                raise LookupError("Attune has not been set up yet.")
            self._settings = settings_from_document(document)
        return self._settings

    def update_settings(self, **changes: Any) -> Settings:
        """Change the named settings in one save and return the settings now on disk.

        The change applies to the settings as stored, never to a copy a screen took earlier, so
        a field saved elsewhere since (the theme, the love languages) is never written back
        over. Raises `InvalidSetting` for a value Attune can't use (nothing is saved then),
        `SaveFailed` when the disk refuses.
        """
        changed = replace(self.settings(), **changes)
        self._upsert(
            SETTINGS_TABLE, Document(settings_to_document(changed), doc_id=int(SINGLE_DOCUMENT_ID))
        )
        self._settings = changed
        return changed

    # --- check-ins --------------------------------------------------------------------------

    def save_checkin(self, record: CheckinRecord) -> None:
        """Insert or replace the check-in with `record.id`."""
        self._upsert(CHECKINS_TABLE, checkin_to_document(record), Query().id == record.id)
        self._checkins[record.id] = record

    def checkins(self) -> list[CheckinRecord]:
        """Every stored check-in, the oldest first."""
        return sorted(self._checkins.values(), key=lambda record: record.started_at)

    # --- agreements -------------------------------------------------------------------------

    def agreements(self) -> list[Agreement]:
        """Every agreement, retired ones too, in the order they were proposed."""
        return agreements_from_documents(self._table(AGREEMENTS_TABLE))

    def save_agreement(self, agreement: Agreement) -> None:
        """Insert or replace the agreement with `agreement.id`."""
        self._upsert(AGREEMENTS_TABLE, agreement_to_document(agreement), Query().id == agreement.id)

    def save_agreements(self, agreements: list[Agreement]) -> None:
        """Insert or replace several agreements in one save."""
        with self.batch():
            for agreement in agreements:
                self.save_agreement(agreement)

    def delete_agreement(self, agreement_id: str) -> None:
        """Remove an agreement (the pane allows it only when nobody signed)."""
        self._table(AGREEMENTS_TABLE).remove(Query().id == agreement_id)

    # --- documents -------------------------------------------------------------------------

    def _upsert(
        self, table: str, document: Mapping[str, Any], match: QueryLike | None = None
    ) -> None:
        # TinyDB's upsert is an update and then, for a new document, an insert: two saves of
        # the whole file, and a failure between them would keep half the change. One batch.
        with self._storage.batch():
            self._table(table).upsert(document, match)

    def _table(self, name: str) -> Table:
        # The query cache is off: reads already come from memory, and a cache could outlive a
        # write that failed and was rolled back.
        return self._database.table(name, cache_size=0)
