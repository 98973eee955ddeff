"""The patient list's accent-aware sort key and the search terms that let an index serve
search as you type

``patient.sort_key`` holds the folded family and given names (``Müller`` beside
``Muller``, ``Łukasz`` beside ``Lukasz``), indexed with the id in the list's order among
the patients not erased; the old index on the raw names goes. ``patient_search_term``
holds the words each patient is found by (a typed word matches the terms it begins), each
with the patient's sort key so a word's matches come in list order. Both
are computed here for the patients already stored, with this revision's own copy of the
program's functions (``assistant.patients.search`` as it was then); an erased patient gets no
terms.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

BATCH = 5000

# -- a frozen copy of ``assistant.patients.search`` as this revision used it --------------------
# Letters NFKD leaves whole, written the way their unaccented neighbours sort.
_LETTERS = str.maketrans(
    {
        'ł': 'l', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th',
        'ħ': 'h', 'ı': 'i', 'ŧ': 't', 'ŋ': 'n', 'ĸ': 'k',
    }
)  # fmt: skip
SORT_KEY_MAX = 200
TERM_MAX = 100
PHONE_SUFFIX_MIN = 3
_FIELD_SEPARATOR = '\x1f'


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize('NFKD', text.casefold())
    stripped = ''.join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_LETTERS)


def _plain(text: str) -> str:
    return ' '.join(''.join(c for c in word if c.isalnum()) for word in _fold(text).split())


def sort_key(first_name: str, last_name: str) -> str:
    return f'{_plain(last_name)}{_FIELD_SEPARATOR}{_plain(first_name)}'[:SORT_KEY_MAX]


def search_terms(
    first_name: str, last_name: str, phone: str, date_of_birth: date | None, email: str
) -> set[str]:
    terms: set[str] = set()
    for text in (first_name, last_name, email):
        for word in _fold(text).split():
            terms.add(word)
            parts = re.findall(r'[^\W_]+', word)
            if len(parts) > 1:
                terms.update(parts)
    number = re.sub(r'\D', '', phone)
    if number:
        terms.update(number[i:] for i in range(max(1, len(number) - PHONE_SUFFIX_MIN + 1)))
    if date_of_birth is not None:
        terms.add(date_of_birth.isoformat())
    return {t[:TERM_MAX] for t in terms if t}


def _text(length: int) -> sa.types.TypeEngine[str]:
    # Byte order on PostgreSQL too, so a prefix is one index range, as on SQLite.
    return sa.String(length).with_variant(sa.String(length, collation='C'), 'postgresql')


def upgrade() -> None:
    op.add_column(
        'patient', sa.Column('sort_key', _text(200), nullable=False, server_default='')
    )
    op.create_table(
        'patient_search_term',
        sa.Column('patient_id', sa.Integer(), sa.ForeignKey('patient.id'), nullable=False),
        sa.Column('term', _text(100), nullable=False),
        sa.Column('sort_key', _text(200), nullable=False),
        sa.PrimaryKeyConstraint('patient_id', 'term'),
        sqlite_with_rowid=False,
    )
    _backfill()
    op.create_index(
        'ix_patient_search_term_term', 'patient_search_term', ['term', 'sort_key', 'patient_id']
    )
    op.drop_index('ix_patient_sort', table_name='patient')
    op.drop_index('ix_patient_search_key', table_name='patient')
    op.create_index(
        'ix_patient_sort_key',
        'patient',
        ['sort_key', 'id'],
        sqlite_where=sa.text('erased_at IS NULL'),
        postgresql_where=sa.text('erased_at IS NULL'),
    )


def _backfill() -> None:
    bind = op.get_bind()
    patient = sa.table(
        'patient',
        sa.column('id', sa.Integer),
        sa.column('first_name', sa.String),
        sa.column('last_name', sa.String),
        sa.column('phone', sa.String),
        sa.column('email', sa.String),
        sa.column('date_of_birth', sa.Date),
        sa.column('erased_at', sa.DateTime),
        sa.column('sort_key', sa.String),
    )
    terms = sa.table(
        'patient_search_term',
        sa.column('patient_id', sa.Integer),
        sa.column('term', sa.String),
        sa.column('sort_key', sa.String),
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(patient).where(patient.c.id > last).order_by(patient.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        last = rows[-1].id
        keys = {r.id: sort_key(r.first_name, r.last_name) for r in rows}
        bind.execute(
            patient.update()
            .where(patient.c.id == sa.bindparam('pid'))
            .values(sort_key=sa.bindparam('key')),
            [{'pid': pid, 'key': key} for pid, key in keys.items()],
        )
        words = [
            {'patient_id': r.id, 'term': term, 'sort_key': keys[r.id]}
            for r in rows
            if r.erased_at is None
            for term in search_terms(
                r.first_name, r.last_name, r.phone or '', r.date_of_birth, r.email or ''
            )
        ]
        if words:
            bind.execute(terms.insert(), words)


def downgrade() -> None:
    op.drop_index('ix_patient_sort_key', table_name='patient')
    op.create_index('ix_patient_search_key', 'patient', ['search_key'])
    op.create_index('ix_patient_sort', 'patient', ['last_name', 'first_name', 'id'])
    op.drop_table('patient_search_term')
    op.drop_column('patient', 'sort_key')
