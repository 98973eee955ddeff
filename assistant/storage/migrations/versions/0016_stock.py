"""Stock of cartridges and products: items by GTIN, lots received, movements in and out

``stock_item`` is what the clinic buys, known by the GTIN on its box (a cartridge with its
needle count, or a product); ``stock_lot`` each lot of it received, with its expiry, the
serials scanned and whether its maker recalled it, linked to the cartridge or product lot
the session form offers; ``stock_movement`` every change of the quantity on hand (received,
used in a session, amended, counted, discarded, recalled) with who, when and why. What is
on hand is the sum of a lot's movements.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gtin', sa.String(length=14), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('needle_count', sa.String(length=10), nullable=False),
    sa.Column('size', sa.String(length=50), nullable=False),
    sa.Column('units_per_box', sa.Integer(), nullable=False),
    sa.Column('reorder_level', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_stock_item_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_item')),
    sa.UniqueConstraint('gtin', name=op.f('uq_stock_item_gtin'))
    )
    op.create_table('stock_lot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('lot_number', sa.String(length=100), nullable=False),
    sa.Column('expiry_date', sa.Date(), nullable=False),
    sa.Column('serials', sa.JSON(), nullable=False),
    sa.Column('recalled_at', sa.DateTime(), nullable=True),
    sa.Column('recalled_by_id', sa.Integer(), nullable=True),
    sa.Column('cartridge_id', sa.Integer(), nullable=True),
    sa.Column('product_lot_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['stock_item.id'], name=op.f('fk_stock_lot_item_id_stock_item')),
    sa.ForeignKeyConstraint(['recalled_by_id'], ['practitioner.id'], name=op.f('fk_stock_lot_recalled_by_id_practitioner')),
    sa.ForeignKeyConstraint(['cartridge_id'], ['cartridge.id'], name=op.f('fk_stock_lot_cartridge_id_cartridge')),
    sa.ForeignKeyConstraint(['product_lot_id'], ['product_lot.id'], name=op.f('fk_stock_lot_product_lot_id_product_lot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_lot')),
    sa.UniqueConstraint('item_id', 'lot_number', name=op.f('uq_stock_lot_item_id'))
    )
    with op.batch_alter_table('stock_lot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_lot_lot_number'), ['lot_number'], unique=False)

    op.create_table('stock_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['lot_id'], ['stock_lot.id'], name=op.f('fk_stock_movement_lot_id_stock_lot')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id'], name=op.f('fk_stock_movement_practitioner_id_practitioner')),
    sa.ForeignKeyConstraint(['session_id'], ['treatment_session.id'], name=op.f('fk_stock_movement_session_id_treatment_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movement'))
    )
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_movement_lot_id'), ['lot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_session_id'), ['session_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_movement_session_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movement_lot_id'))
    op.drop_table('stock_movement')
    with op.batch_alter_table('stock_lot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_lot_lot_number'))
    op.drop_table('stock_lot')
    op.drop_table('stock_item')
