"""Editorial work: editors limited to their organisation's sections, moderation, scheduling, revisions, locks."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from infocentar.core import services
from infocentar.core.models import Role
from infocentar.portal.models import EditorialGroup, EditorialSection, LandingPage, StandardPage

from .conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home_page):
    return services.ensure_editorial_setup()


@pytest.fixture
def sections(setup, home_page, org_a, org_b):
    """Org A edits "Komunalno" (with its pages), org B edits "Kultura"."""
    komunalno = publish(home_page.add_child(instance=LandingPage(title="Komunalno", slug="komunalno")))
    voda = publish(komunalno.add_child(instance=StandardPage(title="Voda", slug="voda", intro="Snabdijevanje.")))
    kultura = publish(home_page.add_child(instance=LandingPage(title="Kultura", slug="kultura")))
    koncerti = publish(kultura.add_child(instance=StandardPage(title="Koncerti", slug="koncerti")))
    EditorialSection.objects.create(organisation=org_a, page=komunalno)
    EditorialSection.objects.create(organisation=org_b, page=kultura)
    return {"komunalno": komunalno, "voda": voda, "kultura": kultura, "koncerti": koncerti}


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(page, action: str | None = "action-submit", **overrides) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": getattr(page, "intro", ""),
        "body": streamfield([("paragraph", rich_text("<p>Novi tekst stranice.</p>"))]),
        "comments": inline_formset([]),
    }
    if action:
        data[action] = action
    data.update(overrides)
    return nested_form_data(data)


# --- the set-up -----------------------------------------------------------------------------------------
def test_the_moderation_workflow_is_on_the_home_page(setup, home_page):
    assert setup.name == "Odobravanje objave" and setup.active
    assert WorkflowPage.objects.get(page=home_page).workflow == setup
    task = setup.tasks.get().specific
    approvers = Group.objects.get(name=services.ROLE_GROUP_NAMES[Role.IC_ADMIN])
    assert list(task.groups.all()) == [approvers]
    # It applies to every page of the site.
    child = publish(home_page.add_child(instance=StandardPage(title="Bilo koja", slug="bilo-koja")))
    assert child.get_workflow() == setup


def test_the_set_up_can_run_again(setup, sections, home_page):
    from wagtail.models import GroupApprovalTask, Task, WorkflowTask

    def counts():
        return [m.objects.count() for m in (Workflow, Task, WorkflowTask, WorkflowPage, Group, GroupPagePermission,
                                             GroupApprovalTask, EditorialGroup)]  # fmt: skip

    before = counts()
    services.ensure_editorial_setup()
    assert counts() == before


def test_the_setup_editorial_command_sets_up_a_new_install_and_can_run_again(home_page):
    from io import StringIO

    from django.core.management import call_command

    assert not WorkflowPage.objects.filter(page=home_page).exists()
    out = StringIO()
    call_command("setup_editorial", stdout=out)
    workflow = WorkflowPage.objects.get(page=home_page).workflow
    assert workflow.name == "Odobravanje objave"
    assert "Odobravanje objave" in out.getvalue()
    call_command("setup_editorial", stdout=StringIO())
    assert WorkflowPage.objects.filter(page=home_page).count() == 1
    assert Workflow.objects.filter(name="Odobravanje objave").count() == 1


def test_approvers_may_publish_and_editors_have_no_page_permission_of_their_own(setup):
    approvers = Group.objects.get(name=services.ROLE_GROUP_NAMES[Role.IC_ADMIN])
    editors = Group.objects.get(name=services.ROLE_GROUP_NAMES[Role.EDITOR])
    assert set(
        GroupPagePermission.objects.filter(group=approvers, page=Page.get_first_root_node()).values_list(
            "permission__codename", flat=True
        )
    ) >= {"add_page", "change_page", "publish_page"}
    assert not GroupPagePermission.objects.filter(group=editors).exists()
    assert editors.permissions.filter(codename="add_sitealert").exists()


def test_each_organisation_gets_a_group_for_its_sections(sections, editor_a, editor_b, org_a):
    group = Group.objects.get(name="Urednici — ViK")
    assert EditorialGroup.objects.get(organisation=org_a).group == group
    assert set(GroupPagePermission.objects.filter(group=group).values_list("page__slug", "permission__codename")) == {
        ("komunalno", "add_page"),
        ("komunalno", "change_page"),
        ("komunalno", "lock_page"),
        ("komunalno", "unlock_page"),
    }
    assert list(editor_a.groups.filter(name__startswith="Urednici")) == [group]
    assert list(editor_b.groups.filter(name__startswith="Urednici").values_list("name", flat=True)) == [
        "Urednici — CzK"
    ]


def test_an_editor_who_joins_later_gets_the_group_and_leaves_it_with_the_role(sections, org_a):
    from ..factories import UserFactory

    user = UserFactory(username="novi-urednik")
    membership = services.add_membership(user, org_a, Role.EDITOR)
    assert user.groups.filter(name="Urednici — ViK").exists()
    services.end_membership(membership)
    assert not user.groups.filter(name="Urednici — ViK").exists()


def test_other_roles_do_not_get_the_section_group(sections, it_contact_a):
    assert not it_contact_a.groups.filter(name__startswith="Urednici").exists()


def test_removing_a_section_takes_its_permissions_away(sections, org_a):
    EditorialSection.objects.get(organisation=org_a).delete()
    group = Group.objects.get(name="Urednici — ViK")
    assert not GroupPagePermission.objects.filter(group=group).exists()


# --- who edits what -------------------------------------------------------------------------------------
def test_an_editor_edits_the_pages_of_their_section(admin_client_for, sections, editor_a):
    client = admin_client_for(editor_a)
    assert client.get(edit_url(sections["komunalno"])).status_code == 200
    assert client.get(edit_url(sections["voda"])).status_code == 200
    add = reverse("wagtailadmin_pages:add", args=["portal", "standardpage", sections["komunalno"].pk])
    assert client.get(add).status_code == 200


def test_an_editor_cannot_edit_another_organisations_section(admin_client_for, sections, editor_a):
    client = admin_client_for(editor_a)
    assert client.get(edit_url(sections["kultura"])).status_code in (302, 403)
    assert client.get(edit_url(sections["koncerti"])).status_code in (302, 403)
    response = client.post(edit_url(sections["koncerti"]), edit_form(sections["koncerti"], title="Preoteto"))
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=sections["koncerti"].pk).get_latest_revision().content["title"] == "Koncerti"


def test_an_editor_without_a_section_edits_no_page(admin_client_for, sections, editor, home_page):
    client = admin_client_for(editor)
    assert client.get(edit_url(sections["voda"])).status_code in (302, 403)
    assert client.get(edit_url(home_page)).status_code in (302, 403)


def test_an_editor_submits_and_an_approver_publishes(admin_client_for, sections, editor_a, ic_admin):
    voda = sections["voda"]
    client = admin_client_for(editor_a)
    response = client.post(edit_url(voda), edit_form(voda, title="Voda i kanalizacija"))
    assert response.status_code == 302, response.content.decode()[:3000]
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(voda.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor_a
    voda.refresh_from_db()
    assert voda.title == "Voda" and voda.has_unpublished_changes

    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(voda, ic_admin)
    task_state.task.specific.on_action(task_state, ic_admin, "approve")
    voda.refresh_from_db()
    assert voda.title == "Voda i kanalizacija" and voda.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_an_editor_cannot_publish_directly(admin_client_for, sections, editor_a):
    voda = sections["voda"]
    client = admin_client_for(editor_a)
    client.post(edit_url(voda), edit_form(voda, action="action-publish", title="Objavljeno bez odobrenja"))
    voda.refresh_from_db()
    assert voda.title == "Voda"


def test_a_section_may_let_its_editors_publish(admin_client_for, sections, editor_a, org_a):
    section = EditorialSection.objects.get(organisation=org_a)
    section.can_publish = True
    section.save()
    voda = sections["voda"]
    response = admin_client_for(editor_a).post(
        edit_url(voda), edit_form(voda, action="action-publish", title="Voda za piće")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    voda.refresh_from_db()
    assert voda.title == "Voda za piće" and voda.live


# --- scheduling, revisions, locking ----------------------------------------------------------------------
def test_a_page_scheduled_for_later_is_not_shown(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Najava", slug="najava", live=False))
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get("/najava/").status_code == 404


def test_a_page_goes_live_when_its_time_comes(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Najava", slug="najava", live=False))
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    revision = page.save_revision()
    revision.publish()
    assert client.get("/najava/").status_code == 404
    # The time comes.
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    assert client.get("/najava/").status_code == 200


def test_an_expired_page_is_unpublished_by_publish_scheduled(client, home_page):
    page = publish(home_page.add_child(instance=StandardPage(title="Konkurs", slug="konkurs")))
    assert client.get("/konkurs/").status_code == 200
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/konkurs/").status_code == 404


def test_revisions_can_be_compared(admin_client_for, sections, editor_a):
    voda = sections["voda"]
    first = voda.get_latest_revision()
    voda.intro = "Snabdijevanje vodom i odvođenje otpadnih voda."
    second = voda.save_revision(user=editor_a)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[voda.pk, first.pk, second.pk])
    response = admin_client_for(editor_a).get(url)
    assert response.status_code == 200
    assert "odvođenje otpadnih voda" in response.content.decode()


def test_another_editor_of_the_section_saves_a_draft_of_an_unlocked_page(admin_client_for, sections, editor_a2):
    voda = sections["voda"]
    response = admin_client_for(editor_a2).post(edit_url(voda), edit_form(voda, action=None, title="Nacrt"))
    assert response.status_code == 302
    assert Page.objects.get(pk=voda.pk).get_latest_revision().content["title"] == "Nacrt"


def test_a_locked_page_cannot_be_changed_by_another_editor(admin_client_for, sections, editor_a, editor_a2):
    voda = sections["voda"]
    first = admin_client_for(editor_a)
    response = first.post(reverse("wagtailadmin_pages:lock", args=[voda.pk]))
    assert response.status_code == 302
    voda.refresh_from_db()
    assert voda.locked and voda.locked_by == editor_a

    second = admin_client_for(editor_a2)
    second.post(edit_url(voda), edit_form(voda, action=None, title="Tuđa izmjena"))
    assert Page.objects.get(pk=voda.pk).get_latest_revision().content["title"] == "Voda"
    assert not WorkflowState.objects.filter(object_id=str(voda.pk)).exists()


# --- the accessibility checker ---------------------------------------------------------------------------
def test_editors_see_wagtails_accessibility_checker_on_the_site(admin_client_for, sections, editor_a):
    html = admin_client_for(editor_a).get("/komunalno/voda/").content.decode()
    assert 'id="checker-trigger"' in html
    assert 'id="checker-axe-configuration"' in html


# --- the back office for sections --------------------------------------------------------------------
def test_information_center_administrators_manage_sections(admin_client_for, sections, ic_admin, org_a):
    client = admin_client_for(ic_admin)
    listing = client.get("/admin/editorial-sections/")
    assert listing.status_code == 200
    assert "Komunalno" in listing.content.decode()
    response = client.post(
        "/admin/editorial-sections/new/",
        {"organisation": org_a.pk, "page": sections["kultura"].pk, "can_publish": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    group = Group.objects.get(name="Urednici — ViK")
    assert GroupPagePermission.objects.filter(group=group, page=sections["kultura"]).exists()


def test_editors_do_not_manage_sections(admin_client_for, sections, editor_a):
    assert admin_client_for(editor_a).get("/admin/editorial-sections/").status_code in (302, 403)
