"""Import of equipment, licences and people from CSV or XLSX: validate everything first, then write.

`read_table` turns a file into a header and rows; `validate` checks every row (columns, dates, numbers,
duplicate tags and serials in the file and in the database, unknown organisations) and returns a report;
`apply` writes the valid rows — only when there are no errors, unless the user chose to import the valid
rows alone. Used by the admin's import screen (with a dry-run preview) and by `manage.py import_inventory`.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infocentar.core import audit
from infocentar.core.models import Organisation, Role
from infocentar.core.text import fold as _fold

from . import listing
from .models import (
    Asset,
    AssetEvent,
    AssetEventKind,
    AssetStatus,
    AssetType,
    ImportRun,
    ImportStatus,
    Licence,
    SoftwareProduct,
)

# Cells repeat (types, statuses, organisations): fold each distinct value once.
fold = functools.lru_cache(maxsize=65536)(_fold)

MAX_ROWS = 200_000
BATCH = 1000

ASSET_COLUMNS = {
    "asset_tag": True,
    "organisation": True,
    "asset_type": True,
    "manufacturer": False,
    "model": False,
    "serial": False,
    "status": False,
    "building": False,
    "floor": False,
    "room": False,
    "assigned_to": False,
    "purchase_date": False,
    "cost": False,
    "supplier": False,
    "invoice": False,
    "warranty_end": False,
    "end_of_life": False,
    "operating_system": False,
    "os_version": False,
    "hostname": False,
    "notes": False,
}
LICENCE_COLUMNS = {
    "product": True,
    "organisation": True,
    "seats": True,
    "name": False,
    "vendor": False,
    "licence_key": False,
    "purchase_date": False,
    "expires_on": False,
    "cost": False,
    "supplier": False,
    "invoice": False,
    "notes": False,
}
PEOPLE_COLUMNS = {
    "email": True,
    "organisation": True,
    "first_name": False,
    "last_name": False,
    "job_title": False,
    "role": False,
}
COLUMNS = {"assets": ASSET_COLUMNS, "licences": LICENCE_COLUMNS, "people": PEOPLE_COLUMNS}
PEOPLE_ROLES = {Role.MEMBER, Role.IT_CONTACT}


class ImportFileError(Exception):
    """The file cannot be read at all."""


@dataclass
class Report:
    kind: str
    total: int = 0
    header_errors: list[str] = field(default_factory=list)
    row_errors: list[tuple[int, list[str]]] = field(default_factory=list)
    valid: list[tuple[int, dict]] = field(default_factory=list)
    imported: int = 0

    @property
    def ok(self) -> bool:
        return not self.header_errors and not self.row_errors

    @property
    def can_import_valid(self) -> bool:
        return not self.header_errors and bool(self.valid)

    def errors_as_data(self) -> list[dict]:
        data = [{"row": 1, "errors": self.header_errors}] if self.header_errors else []
        return data + [{"row": row, "errors": errors} for row, errors in self.row_errors]


# --- reading ---------------------------------------------------------------------------------------------------------


def _normalise_header(name) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(name or "").strip().lower()).strip("_")


def read_table(file_name: str, content: bytes) -> tuple[list[str], list[list[str]]]:
    """The header (normalised) and the rows of a CSV or XLSX file."""
    name = file_name.lower()
    if name.endswith(".xlsx") or content[:4] == b"PK\x03\x04":
        rows = _read_xlsx(content)
    elif name.endswith((".csv", ".txt")):
        rows = _read_csv(content)
    else:
        raise ImportFileError(_("Upload a CSV or XLSX file."))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return [_normalise_header(h) for h in rows[0]], rows[1:]


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1250")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The file is not text in UTF-8 or Windows-1250.")) from exc
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV file."))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(content: bytes) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(_("The file is not a valid XLSX workbook.")) from exc
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        row = []
        for value in values:
            if value is None:
                row.append("")
            elif isinstance(value, datetime.datetime):
                row.append(value.date().isoformat())
            elif isinstance(value, datetime.date):
                row.append(value.isoformat())
            elif isinstance(value, float) and value.is_integer():
                row.append(str(int(value)))
            else:
                row.append(str(value).strip())
        rows.append(row)
        if len(rows) > MAX_ROWS + 1:
            break
    workbook.close()
    return rows


# --- parsing of cells ------------------------------------------------------------------------------------------------

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%Y.", "%d/%m/%Y")


@functools.lru_cache(maxsize=4096)
def parse_date(value: str) -> datetime.date | None:
    if not value:
        return None
    if len(value) == 10 and value[4] == "-":
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError from None
        if not 1950 <= day.year <= 2100:
            raise ValueError
        return day
    for fmt in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if not 1950 <= day.year <= 2100:
            break
        return day
    raise ValueError


def parse_decimal(value: str) -> Decimal | None:
    if not value:
        return None
    cleaned = value.replace(" ", "").replace("€", "")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", ".")
    number = Decimal(cleaned)
    if not number.is_finite() or number < 0 or number >= Decimal("1e10"):
        raise InvalidOperation
    return number.quantize(Decimal("0.01"))


def _choice_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[fold(value)] = value
        lookup[fold(str(label))] = value
    return lookup


class OrganisationLookup:
    """Organisations by name, short name or slug (folded: either script, without diacritics)."""

    def __init__(self, visible_ids) -> None:
        queryset = Organisation.objects.all()
        if visible_ids is not None:
            queryset = queryset.filter(pk__in=visible_ids)
        self.by_key: dict[str, int] = {}
        for pk, name, short, slug in queryset.values_list("pk", "name", "short_name", "slug"):
            for key in (name, short, slug, str(pk)):
                if key:
                    self.by_key.setdefault(fold(key), pk)

    def get(self, value: str) -> int | None:
        return self.by_key.get(fold(value)) if value else None


# --- validation ------------------------------------------------------------------------------------------------------


def validate(
    kind: str,
    headers: list[str],
    rows: list[list[str]],
    *,
    visible_ids=None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Every row checked; `progress(done, total)` is told how far the check is (every 500 rows, and once at
    the end, after the checks against the database)."""
    report = Report(kind=kind, total=len(rows))
    columns = COLUMNS[kind]
    unknown = [h for h in headers if h and h not in columns]
    missing = [name for name, required in columns.items() if required and name not in headers]
    duplicated = sorted({h for h in headers if h and headers.count(h) > 1})
    if unknown:
        report.header_errors.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if missing:
        report.header_errors.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if duplicated:
        report.header_errors.append(_("Columns named twice: %(columns)s.") % {"columns": ", ".join(duplicated)})
    if report.header_errors:
        return report
    records = []
    for index, row in enumerate(rows, start=2):
        padded = row + [""] * (len(headers) - len(row))
        records.append((index, {h: padded[i].strip() for i, h in enumerate(headers) if h}))
    organisations = OrganisationLookup(visible_ids)
    {"assets": _validate_assets, "licences": _validate_licences, "people": _validate_people}[kind](
        _Counted(records, progress), report, organisations
    )
    report.row_errors.sort()
    if progress:
        progress(len(records), len(records))
    return report


class _Counted:
    """The records, telling `progress` every PROGRESS_EVERY rows how many have been read (never the total:
    the end is reported once the whole check is done)."""

    PROGRESS_EVERY = 500

    def __init__(self, records: list, progress: Callable[[int, int], None] | None) -> None:
        self.records, self.progress = records, progress

    def __iter__(self):
        total = len(self.records)
        for done, record in enumerate(self.records):
            if self.progress and done and done % self.PROGRESS_EVERY == 0:
                self.progress(done, total)
            yield record

    def all(self) -> list:
        """The records without counting (for a look-up over every row before the check)."""
        return self.records


def _common(values: dict, errors: list[str], organisations: OrganisationLookup, cleaned: dict) -> None:
    organisation_id = organisations.get(values.get("organisation", ""))
    if organisation_id is None:
        errors.append(_("Unknown organisation “%(value)s”.") % {"value": values.get("organisation", "")})
    cleaned["organisation_id"] = organisation_id
    for name in ("purchase_date", "warranty_end", "end_of_life", "expires_on"):
        if name in values:
            try:
                cleaned[name] = parse_date(values[name])
            except ValueError:
                errors.append(
                    _("%(column)s: “%(value)s” is not a date (use YYYY-MM-DD or DD.MM.YYYY).")
                    % {"column": name, "value": values[name]}
                )
    if "cost" in values:
        try:
            cleaned["cost"] = parse_decimal(values["cost"])
        except (InvalidOperation, ValueError):
            errors.append(_("cost: “%(value)s” is not an amount.") % {"value": values["cost"]})


def _validate_assets(records, report: Report, organisations: OrganisationLookup) -> None:
    types = _choice_lookup(AssetType.choices)
    statuses = _choice_lookup(AssetStatus.choices)
    user_lookup = _user_lookup([v.get("assigned_to", "") for _, v in records.all()])
    tags_seen: dict[str, int] = {}
    serials_seen: dict[tuple[str, str], int] = {}
    pending = []
    for row, values in records:
        errors: list[str] = []
        cleaned: dict = {}
        tag = values.get("asset_tag", "")
        if not tag:
            errors.append(_("asset_tag is empty."))
        elif len(tag) > 40:
            errors.append(_("asset_tag is longer than 40 characters."))
        elif tag.casefold() in tags_seen:
            errors.append(
                _("Asset tag %(tag)s is also in row %(row)s.") % {"tag": tag, "row": tags_seen[tag.casefold()]}
            )
        else:
            tags_seen[tag.casefold()] = row
        cleaned["asset_tag"] = tag
        asset_type = types.get(fold(values.get("asset_type", "")))
        if asset_type is None:
            errors.append(_("Unknown asset type “%(value)s”.") % {"value": values.get("asset_type", "")})
        cleaned["asset_type"] = asset_type
        status = values.get("status", "")
        cleaned["status"] = statuses.get(fold(status)) if status else AssetStatus.IN_STOCK
        if cleaned["status"] is None:
            errors.append(_("Unknown status “%(value)s”.") % {"value": status})
        _common(values, errors, organisations, cleaned)
        for name, limit in (
            ("manufacturer", 100),
            ("model", 150),
            ("serial", 100),
            ("building", 150),
            ("floor", 20),
            ("room", 50),
            ("supplier", 150),
            ("invoice", 100),
            ("operating_system", 100),
            ("os_version", 60),
            ("hostname", 100),
        ):
            value = values.get(name, "")
            if len(value) > limit:
                errors.append(_("%(column)s is longer than %(limit)s characters.") % {"column": name, "limit": limit})
            cleaned[name] = value
        cleaned["notes"] = values.get("notes", "")
        serial = cleaned["serial"]
        if serial:
            key = (cleaned["manufacturer"].casefold(), serial.casefold())
            if key in serials_seen:
                errors.append(
                    _("Serial number %(serial)s is also in row %(row)s.") % {"serial": serial, "row": serials_seen[key]}
                )
            else:
                serials_seen[key] = row
        person = values.get("assigned_to", "")
        cleaned["assigned_to_id"] = user_lookup.get(person.lower()) if person else None
        if person and cleaned["assigned_to_id"] is None:
            errors.append(_("Unknown person “%(value)s”.") % {"value": person})
        if (
            cleaned.get("purchase_date")
            and cleaned.get("warranty_end")
            and cleaned["warranty_end"] < cleaned["purchase_date"]
        ):
            errors.append(_("The warranty cannot end before the purchase date."))
        pending.append((row, cleaned, errors))
    # The database: tags and serials already recorded (case-insensitive), looked up in batches.
    # Looked up as written, in capitals and in small letters: each an index lookup of the unique tag.
    existing_tags: dict[str, str] = {}
    tags = [cleaned["asset_tag"] for _, cleaned, _e in pending if cleaned["asset_tag"]]
    for start in range(0, len(tags), BATCH):
        chunk = tags[start : start + BATCH]
        variants = {v for tag in chunk for v in (tag, tag.upper(), tag.lower())}
        for asset in (
            Asset.objects.filter(asset_tag__in=variants)
            .select_related("organisation")
            .only("asset_tag", "manufacturer", "model", "organisation__name")
        ):
            existing_tags[asset.asset_tag.casefold()] = f"{asset} ({asset.organisation.name})"
    existing_serials: dict[tuple[str, str], str] = {}
    serials = [cleaned["serial"] for _, cleaned, _e in pending if cleaned["serial"]]
    for start in range(0, len(serials), BATCH):
        chunk = serials[start : start + BATCH]
        for asset in (
            Asset.objects.filter(serial__in=chunk)
            .select_related("organisation")
            .only("asset_tag", "manufacturer", "model", "serial", "organisation__name")
        ):
            existing_serials[(asset.manufacturer.casefold(), asset.serial.casefold())] = (
                f"{asset} ({asset.organisation.name})"
            )
    for row, cleaned, errors in pending:
        other = existing_tags.get(cleaned["asset_tag"].casefold())
        if other:
            errors.append(
                _("Asset tag %(tag)s is already used by %(asset)s.") % {"tag": cleaned["asset_tag"], "asset": other}
            )
        other = existing_serials.get((cleaned["manufacturer"].casefold(), cleaned["serial"].casefold()))
        if cleaned["serial"] and other:
            errors.append(
                _("Serial number %(serial)s is already recorded for %(asset)s.")
                % {"serial": cleaned["serial"], "asset": other}
            )
        if errors:
            report.row_errors.append((row, errors))
        else:
            report.valid.append((row, cleaned))


def _user_lookup(values: Iterable[str]) -> dict[str, int]:
    wanted = {v.strip().lower() for v in values if v and v.strip()}
    if not wanted:
        return {}
    lookup = {}
    User = get_user_model()
    for pk, username, email in User.objects.filter(is_active=True).values_list("pk", "username", "email").iterator():
        if username.lower() in wanted:
            lookup[username.lower()] = pk
        if email and email.lower() in wanted:
            lookup.setdefault(email.lower(), pk)
    return lookup


def _validate_licences(records, report: Report, organisations: OrganisationLookup) -> None:
    for row, values in records:
        errors: list[str] = []
        cleaned: dict = {}
        product = values.get("product", "")
        if not product or len(product) > 200:
            errors.append(_("product is empty or longer than 200 characters."))
        cleaned["product"] = product
        cleaned["vendor"] = values.get("vendor", "")[:150]
        try:
            seats = int(values.get("seats", ""))
            if not 1 <= seats <= 1_000_000:
                raise ValueError
            cleaned["seats"] = seats
        except ValueError:
            errors.append(_("seats: “%(value)s” is not a whole number of seats.") % {"value": values.get("seats", "")})
        _common(values, errors, organisations, cleaned)
        for name, limit in (("name", 200), ("licence_key", 500), ("supplier", 150), ("invoice", 100)):
            value = values.get(name, "")
            if len(value) > limit:
                errors.append(_("%(column)s is longer than %(limit)s characters.") % {"column": name, "limit": limit})
            cleaned[name] = value
        cleaned["notes"] = values.get("notes", "")
        if (
            cleaned.get("purchase_date")
            and cleaned.get("expires_on")
            and cleaned["expires_on"] < cleaned["purchase_date"]
        ):
            errors.append(_("A licence cannot expire before it was bought."))
        if errors:
            report.row_errors.append((row, errors))
        else:
            report.valid.append((row, cleaned))


def _validate_people(records, report: Report, organisations: OrganisationLookup) -> None:
    from django.core.validators import validate_email

    seen: dict[str, int] = {}
    roles = _choice_lookup([(r, label) for r, label in Role.choices if r in PEOPLE_ROLES])
    for row, values in records:
        errors: list[str] = []
        cleaned: dict = {}
        email = values.get("email", "").lower()
        try:
            validate_email(email)
        except Exception:
            errors.append(_("“%(value)s” is not an e-mail address.") % {"value": values.get("email", "")})
        if email in seen:
            errors.append(_("The address %(email)s is also in row %(row)s.") % {"email": email, "row": seen[email]})
        seen.setdefault(email, row)
        cleaned["email"] = email
        _common(values, errors, organisations, cleaned)
        role = values.get("role", "")
        cleaned["role"] = roles.get(fold(role)) if role else Role.MEMBER
        if cleaned["role"] is None:
            errors.append(_("Role “%(value)s” cannot be imported (use member or it_contact).") % {"value": role})
        cleaned["first_name"] = values.get("first_name", "")[:150]
        cleaned["last_name"] = values.get("last_name", "")[:150]
        cleaned["job_title"] = values.get("job_title", "")[:150]
        if errors:
            report.row_errors.append((row, errors))
        else:
            report.valid.append((row, cleaned))


# --- writing -------------------------------------------------------------------------------------------------------


def apply(
    report: Report,
    *,
    user=None,
    file_name: str = "",
    only_valid: bool = False,
    progress: Callable[[int, int], None] | None = None,
    run: ImportRun | None = None,
) -> ImportRun:
    """Writes the valid rows: all or nothing, unless `only_valid`. Returns the import report record."""
    if report.header_errors or (report.row_errors and not only_valid):
        raise ValueError("The import has errors.")
    writer = {"assets": _write_assets, "licences": _write_licences, "people": _write_people}[report.kind]
    with transaction.atomic():
        imported = writer(report.valid, user, progress)
        run = run or ImportRun(kind=report.kind, file_name=file_name[:255])
        run.user = user if getattr(user, "pk", None) else None
        run.total_rows = report.total
        run.imported_rows = imported
        run.error_rows = len(report.row_errors)
        run.errors = report.errors_as_data()[:1000]
        run.status = ImportStatus.DONE
        run.payload = None
        run.save()
        audit.record(
            run,
            "inventory.import",
            user if getattr(user, "pk", None) else None,
            extra={"kind": report.kind, "file": file_name, "imported": imported, "skipped": len(report.row_errors)},
            title=str(run),
        )
    report.imported = imported
    return run


def _write_assets(valid, user, progress) -> int:
    total = len(valid)
    done = 0
    user_id = user.pk if getattr(user, "pk", None) else None
    now = timezone.now()
    for start in range(0, total, BATCH):
        chunk = valid[start : start + BATCH]
        assets = Asset.objects.bulk_create([Asset(**cleaned) for _, cleaned in chunk], batch_size=BATCH)
        if any(asset.pk is None for asset in assets):  # backends that return no ids
            tags = [a.asset_tag for a in assets]
            assets = list(Asset.objects.filter(asset_tag__in=tags))
        AssetEvent.objects.bulk_create(
            [AssetEvent(asset_id=a.pk, kind=AssetEventKind.IMPORTED, user_id=user_id, created_at=now) for a in assets],
            batch_size=BATCH,
        )
        done += len(chunk)
        if progress:
            progress(done, total)
    listing.bump(Asset)  # bulk_create sends no signals: the kept listing counts are stale
    return done


def _write_licences(valid, user, progress) -> int:
    products = {fold(p.name): p for p in SoftwareProduct.objects.all()}
    licences = []
    for _row, cleaned in valid:
        cleaned = dict(cleaned)
        name, vendor = cleaned.pop("product"), cleaned.pop("vendor", "")
        product = products.get(fold(name))
        if product is None:
            product = SoftwareProduct.objects.create(name=name, vendor=vendor)
            products[fold(name)] = product
        licences.append(Licence(product=product, **cleaned))
    Licence.objects.bulk_create(licences, batch_size=BATCH)
    if progress:
        progress(len(licences), len(licences))
    return len(licences)


def _write_people(valid, user, progress) -> int:
    from infocentar.core import services as core_services

    User = get_user_model()
    done = 0
    for _row, cleaned in valid:
        person = User.objects.filter(email__iexact=cleaned["email"]).first()
        if person is None:
            person = User(
                username=cleaned["email"][:150],
                email=cleaned["email"],
                first_name=cleaned["first_name"],
                last_name=cleaned["last_name"],
            )
            person.set_unusable_password()
            person.save()
        organisation = Organisation.objects.get(pk=cleaned["organisation_id"])
        core_services.add_membership(person, organisation, cleaned["role"], by=user, job_title=cleaned["job_title"])
        done += 1
        if progress:
            progress(done, len(valid))
    return done


# --- in the background (large imports from the admin) ---------------------------------------------------------------

BACKGROUND_THRESHOLD = 1000


def progress_key(run_id: int) -> str:
    return f"inventory-import-progress-{run_id}"


def queue(kind: str, headers, rows, *, user, file_name: str, only_valid: bool, visible_ids) -> ImportRun:
    """Keeps the rows and queues the import; the task validates them again and writes them."""
    from .tasks import run_import

    run = ImportRun.objects.create(
        kind=kind,
        file_name=file_name[:255],
        user=user,
        status=ImportStatus.QUEUED,
        total_rows=len(rows),
        payload={
            "headers": headers,
            "rows": rows,
            "only_valid": only_valid,
            "visible_ids": sorted(visible_ids) if visible_ids is not None else None,
        },
    )
    transaction.on_commit(lambda: run_import.enqueue(run.pk))
    return run


def run_queued(run_id: int) -> None:
    from django.core.cache import cache

    run = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).first()
    if run is None or not run.payload:
        return
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING)
    payload = run.payload
    visible = set(payload["visible_ids"]) if payload["visible_ids"] is not None else None
    report = validate(run.kind, payload["headers"], payload["rows"], visible_ids=visible)
    try:
        apply(
            report,
            user=run.user,
            file_name=run.file_name,
            only_valid=payload["only_valid"],
            progress=lambda done, total: cache.set(progress_key(run.pk), [done, total], 3600),
            run=run,
        )
    except ValueError:
        # Something changed since the preview (e.g. a tag was recorded meanwhile): nothing is written.
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportStatus.FAILED,
            payload=None,
            error_rows=len(report.row_errors),
            errors=report.errors_as_data()[:1000],
        )
