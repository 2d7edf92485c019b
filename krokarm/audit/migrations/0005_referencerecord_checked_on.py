from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_removed_on_site"),
    ]

    operations = [
        migrations.AddField(
            model_name="referencerecord",
            name="checked_on",
            field=models.DateField(blank=True, null=True, verbose_name="kontrollerad mot källan"),
        ),
    ]
