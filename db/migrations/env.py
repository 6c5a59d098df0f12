"""Alembic runs against DATABASE_URL from settings (or `-x url=...`)."""
from alembic import context
from sqlalchemy import create_engine

import settings
from db.session import connect_args

url = context.get_x_argument(as_dictionary=True).get("url") or settings.load().database_url
engine = create_engine(url, connect_args=connect_args())

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
