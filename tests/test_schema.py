"""The ORM mappings describe the tables the migrations build (the migrations are the
truth): every mapped table and column exists, with a compatible type and nullability."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect

from db.models import Base
from db.session import engine_for


@pytest.fixture(scope="module")
def live(database_url):
    return inspect(engine_for(database_url))


@pytest.mark.parametrize("table", sorted(Base.metadata.tables), ids=str)
def test_every_mapped_column_exists_in_the_migrated_table(live, table):
    columns = {column["name"]: column for column in live.get_columns(table)}
    for mapped in Base.metadata.tables[table].columns:
        assert mapped.name in columns, f"{table}.{mapped.name} is mapped but not migrated"
        migrated = columns[mapped.name]
        assert mapped.type.python_type == migrated["type"].python_type, f"{table}.{mapped.name}"
        if not mapped.nullable:
            assert not migrated["nullable"], f"{table}.{mapped.name} is NOT NULL only in the model"
