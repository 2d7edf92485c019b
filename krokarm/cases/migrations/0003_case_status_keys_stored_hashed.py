"""Cases store the hash of the key in the asker's status address, not the key (as invitations and API tokens do).

Each stored key is replaced by its hash, so every status address an asker already holds (on the confirmation page,
in a receipt) keeps opening its case. A hash cannot be turned back into the key: there is no way back.
"""

from django.db import migrations, models

from krokarm.accounts.actions import hash_token

BATCH = 1000


def hash_status_tokens(apps, schema_editor):
    """Replace each case's clear key (still in `token_hash` after the rename) by its hash."""
    Case = apps.get_model("cases", "Case")
    pks = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        cases = list(Case.objects.filter(pk__in=pks[start : start + BATCH]).only("pk", "token_hash"))
        for case in cases:
            case.token_hash = hash_token(case.token_hash)
        Case.objects.bulk_update(cases, ["token_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_nothing_lost"),
    ]

    operations = [
        migrations.RenameField(model_name="case", old_name="token", new_name="token_hash"),
        migrations.AlterField(
            model_name="case",
            name="token_hash",
            field=models.CharField(
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="kontrollsumma för nyckeln till statussidan",
            ),
        ),
        migrations.RunPython(hash_status_tokens, elidable=False),
    ]
