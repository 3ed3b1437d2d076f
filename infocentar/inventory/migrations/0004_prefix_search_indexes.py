"""Indexes for the equipment search by prefix (UPPER(column) LIKE 'TERM%') on PostgreSQL.

Django's `istartswith` compares UPPER(column::text); a text_pattern_ops index on that expression
answers it without reading the table. SQLite has no operator classes: nothing to do there.
"""

from django.db import migrations

COLUMNS = ("asset_tag", "serial", "hostname", "model")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS inventory_asset_{column}_upper_prefix '
            f'ON inventory_asset (UPPER("{column}"::text) text_pattern_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS inventory_asset_{column}_upper_prefix")


class Migration(migrations.Migration):
    dependencies = [("inventory", "0003_importrun_payload_importrun_status")]

    operations = [migrations.RunPython(create, drop)]
