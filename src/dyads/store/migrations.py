"""The store's schema, as named migrations recorded in the database.

Each migration has a stable name and runs once: ``Store.open`` applies, in order, those
the ``migrations`` table does not list, each in its own transaction together with its row
in that table. Never edit a migration that has shipped; add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    statements: tuple[str, ...]


MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("m001_documents_events_skips_runs", (
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            status VARCHAR NOT NULL,
            sources VARCHAR NOT NULL,
            settings VARCHAR NOT NULL,
            dyads_version VARCHAR NOT NULL,
            documents INTEGER DEFAULT 0,
            duplicates INTEGER DEFAULT 0,
            already_stored INTEGER DEFAULT 0,
            skipped INTEGER DEFAULT 0,
            events INTEGER DEFAULT 0
        )""",
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            source_id VARCHAR,
            kind VARCHAR NOT NULL,
            url VARCHAR,
            title VARCHAR,
            site VARCHAR,
            author VARCHAR,
            pub_date DATE,
            text_hash VARCHAR NOT NULL,
            cluster_id VARCHAR NOT NULL,
            coded BOOLEAN NOT NULL,
            chars INTEGER NOT NULL,
            sentences INTEGER NOT NULL,
            events INTEGER NOT NULL,
            minhash BLOB NOT NULL,
            text VARCHAR NOT NULL,
            run_id INTEGER NOT NULL,
            ingested_at TIMESTAMP NOT NULL
        )""",
        "CREATE INDEX documents_cluster ON documents (cluster_id)",
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            event VARCHAR,
            mode VARCHAR,
            context VARCHAR,
            cameo VARCHAR NOT NULL,
            penta_class INTEGER NOT NULL,
            quad_class INTEGER NOT NULL,
            goldstein DOUBLE NOT NULL,
            trigger VARCHAR NOT NULL,
            actor_code VARCHAR,
            actor_text VARCHAR,
            recipient_code VARCHAR,
            recipient_text VARCHAR,
            negated BOOLEAN NOT NULL,
            modality VARCHAR NOT NULL,
            hedged BOOLEAN NOT NULL,
            attribution VARCHAR,
            date VARCHAR,
            day DATE,
            location VARCHAR,
            location_country VARCHAR,
            confidence DOUBLE NOT NULL,
            rule VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            record VARCHAR NOT NULL
        )""",
        "CREATE INDEX events_doc ON events (doc_id)",
        """CREATE TABLE skips (
            key VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            doc_id VARCHAR,
            code VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            start_char INTEGER,
            end_char INTEGER,
            text VARCHAR,
            run_id INTEGER NOT NULL
        )""",
    )),
    Migration("m002_sentences_entities_flows_stances_merged_events", (
        """CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, sentence_index)
        )""",
        """CREATE TABLE entities (
            doc_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            country VARCHAR,
            sector VARCHAR,
            source VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            event_id VARCHAR
        )""",
        "CREATE INDEX entities_doc ON entities (doc_id)",
        """CREATE TABLE flows (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            event_id VARCHAR,
            origin VARCHAR NOT NULL,
            supplier VARCHAR NOT NULL,
            recipient VARCHAR NOT NULL,
            commodity VARCHAR NOT NULL,
            category VARCHAR,
            share DOUBLE,
            amount_value DOUBLE,
            amount_unit VARCHAR,
            amount_kind VARCHAR,
            amount_text VARCHAR,
            period VARCHAR,
            modality VARCHAR NOT NULL,
            hedged BOOLEAN NOT NULL,
            words VARCHAR,
            rule VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            conflicts VARCHAR
        )""",
        "CREATE INDEX flows_doc ON flows (doc_id)",
        """CREATE TABLE stances (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            holder VARCHAR NOT NULL,
            other VARCHAR NOT NULL,
            mutual BOOLEAN NOT NULL,
            holder_code VARCHAR NOT NULL,
            other_code VARCHAR NOT NULL,
            holder_text VARCHAR NOT NULL,
            other_text VARCHAR NOT NULL,
            hedged BOOLEAN NOT NULL,
            words VARCHAR NOT NULL,
            rule VARCHAR NOT NULL,
            text VARCHAR NOT NULL
        )""",
        "CREATE INDEX stances_doc ON stances (doc_id)",
        """CREATE TABLE merged_events (
            id VARCHAR PRIMARY KEY,
            actor_code VARCHAR NOT NULL,
            recipient_code VARCHAR NOT NULL,
            category VARCHAR NOT NULL,
            event VARCHAR,
            negated BOOLEAN NOT NULL,
            modality VARCHAR NOT NULL,
            first_day DATE,
            last_day DATE,
            location VARCHAR,
            location_country VARCHAR,
            location_kind VARCHAR,
            cameo VARCHAR,
            quad_class INTEGER,
            goldstein DOUBLE,
            mentions INTEGER NOT NULL,
            reports INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            hedged_share DOUBLE NOT NULL,
            contested INTEGER NOT NULL,
            corroboration DOUBLE NOT NULL,
            representative VARCHAR NOT NULL,
            quantities VARCHAR NOT NULL,
            conflicts VARCHAR,
            run_id INTEGER NOT NULL
        )""",
        """CREATE TABLE mentions (
            event_id VARCHAR PRIMARY KEY,
            merged_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            cluster_id VARCHAR NOT NULL,
            day DATE,
            hedged BOOLEAN NOT NULL,
            run_id INTEGER NOT NULL
        )""",
        "CREATE INDEX mentions_merged ON mentions (merged_id)",
    )),
)
