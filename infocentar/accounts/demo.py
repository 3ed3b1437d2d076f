"""Demo data of accounts: one person for every role, a superuser and a citizen.

Every demo account signs in with its e-mail address and the one documented
password `DEMO_PASSWORD`. Staff — everyone except the citizen — also have a
TOTP authenticator with the one documented secret `DEMO_TOTP_SECRET` (any
authenticator app, or `oathtool --totp -b SECRET`) and recovery codes derived
from `DEMO_RECOVERY_SEED`, so the logins work at /admin/ without enrolment.
`manage.py print_demo_logins` prints all of this with the current code.

These secrets are public: never load the demo into a database that faces the
internet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from infocentar.core import audit, services
from infocentar.core.demo import demo_email, report
from infocentar.core.models import Membership, Organisation, Role

DEMO_PASSWORD = "Demo-lozinka-2026"  # noqa: S105 -- public on purpose, see the docstring
# base32 of b"Infocentar-demo-2026" (20 bytes, the length allauth generates).
DEMO_TOTP_SECRET = "JFXGM33DMVXHIYLSFVSGK3LPFUZDAMRW"  # noqa: S105
# allauth derives the recovery codes from a seed; a fixed seed gives fixed codes.
DEMO_RECOVERY_SEED = "infocentar-demo-recovery-codes-2026"


@dataclass(frozen=True)
class DemoUser:
    """One demo account; `role` and `organisation` (a slug) are empty for the superuser and the citizen."""

    username: str
    first_name: str
    last_name: str
    label: str
    role: str = ""
    organisation: str = ""
    job_title: str = ""
    is_superuser: bool = False

    @property
    def email(self) -> str:
        return demo_email(self.username)

    @property
    def is_staff_member(self) -> bool:
        """Staff reach the back office, so they need MFA (an employee's role gives no back office)."""
        return self.is_superuser or (bool(self.role) and self.role != Role.MEMBER)


DEMO_USERS: list[DemoUser] = [
    DemoUser("admin", "Petar", "Raičević", "Superuser (all permissions)", is_superuser=True),
    DemoUser(
        "ic-admin", "Milena", "Vuković", "Information Center administrator", Role.IC_ADMIN,
        "informacioni-centar", "Rukovoditeljka odsjeka za informacione sisteme",
    ),
    DemoUser(
        "it-podrska", "Luka", "Perišić", "Information Center IT staff", Role.IT_STAFF,
        "informacioni-centar", "Sistem administrator",
    ),
    DemoUser(
        "it-vik", "Danilo", "Martinović", "IT contact of a public enterprise", Role.IT_CONTACT,
        "vodovod-i-kanalizacija", "Samostalni referent za informacione tehnologije",
    ),
    DemoUser(
        "it-kultura", "Jovana", "Knežević", "IT contact of a public institution", Role.IT_CONTACT,
        "ju-centar-za-kulturu", "Saradnica za informacione tehnologije i marketing",
    ),
    DemoUser(
        "urednik", "Anđela", "Vučinić", "Website editor", Role.EDITOR,
        "informacioni-centar", "Urednica portala",
    ),
    DemoUser(
        "skupstina", "Radovan", "Bošković", "Assembly service (Assembly secretary)", Role.ASSEMBLY_SERVICE,
        "skupstina-opstine", "Sekretar Skupštine",
    ),
    DemoUser(
        "kabinet", "Maja", "Stojanović", "Mayor's office", Role.MAYORS_OFFICE,
        "kabinet-predsjednika", "Savjetnica za odnose s javnošću",
    ),
    DemoUser(
        "moderator", "Igor", "Zeković", "Debate moderator", Role.MODERATOR,
        "sekretarijat-za-uredjenje-prostora", "Samostalni savjetnik za planiranje prostora",
    ),
    DemoUser(
        "zastita-podataka", "Tijana", "Milošević", "Data protection officer", Role.DPO,
        "sekretarijat-za-lokalnu-samoupravu", "Službenica za zaštitu podataka o ličnosti",
    ),
    DemoUser(
        "sluzbenica", "Milena", "Radović", "Employee (files IT requests)", Role.MEMBER,
        "sekretarijat-za-finansije", "Samostalna savjetnica za budžet",
    ),
    DemoUser("gradjanin", "Ana", "Jovanović", "Citizen (no role)"),
]  # fmt: skip


def _ensure_user(spec: DemoUser) -> tuple[object, bool]:
    User = get_user_model()
    user = User.objects.filter(username=spec.username).first() or User.objects.filter(email=spec.email).first()
    if user is not None:
        return user, False
    user = User(
        username=spec.username,
        email=spec.email,
        first_name=spec.first_name,
        last_name=spec.last_name,
        is_staff=spec.is_superuser,
        is_superuser=spec.is_superuser,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    audit.record(user, "wagtail.create", None, after=audit.snapshot(user), extra={"source": "seed_demo"})
    return user, True


def _ensure_email_address(user, email: str) -> None:
    """A verified primary address, so allauth's mandatory verification lets the person in."""
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=not has_primary)
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


def _ensure_mfa(user) -> bool:
    """TOTP with the demo secret and recovery codes from the demo seed; True if anything was added."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.utils import encrypt

    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    added = False
    if Authenticator.Type.TOTP not in types:
        TOTP.activate(user, DEMO_TOTP_SECRET)
        added = True
    if Authenticator.Type.RECOVERY_CODES not in types:
        # RecoveryCodes.activate() would pick a random seed; the demo needs known codes.
        Authenticator.objects.create(
            user=user,
            type=Authenticator.Type.RECOVERY_CODES,
            data={"seed": encrypt(DEMO_RECOVERY_SEED), "used_mask": 0},
        )
        added = True
    return added


def demo_recovery_codes() -> list[str]:
    """The recovery codes every demo staff account starts with (each usable once per account)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.utils import encrypt

    unsaved = Authenticator(type=Authenticator.Type.RECOVERY_CODES, data={"seed": encrypt(DEMO_RECOVERY_SEED)})
    return RecoveryCodes(unsaved).generate_codes()


@transaction.atomic
def seed(stdout, style) -> None:
    """Create the demo accounts that are missing, with their e-mail, MFA and memberships."""
    organisations = {
        o.slug: o for o in Organisation.objects.filter(slug__in={u.organisation for u in DEMO_USERS if u.organisation})
    }
    users_created = memberships_created = mfa_added = 0
    for spec in DEMO_USERS:
        user, created = _ensure_user(spec)
        users_created += created
        _ensure_email_address(user, spec.email)
        if spec.is_staff_member:
            mfa_added += _ensure_mfa(user)
        org = organisations.get(spec.organisation)
        # Only when missing: a membership ended or edited in the back office stays as it is.
        if (
            spec.role
            and org is not None
            and not Membership.objects.filter(user=user, organisation=org, role=spec.role).exists()
        ):
            services.add_membership(user, org, spec.role, job_title=spec.job_title)
            memberships_created += 1
    report(stdout, style, "demo users", len(DEMO_USERS), users_created)
    report(stdout, style, "demo memberships", sum(1 for u in DEMO_USERS if u.role), memberships_created)
    report(
        stdout,
        style,
        "staff with TOTP and recovery codes",
        sum(u.is_staff_member for u in DEMO_USERS),
        mfa_added,
    )
