"""What the debate report shows (its page, its PDF): the staff's text and the data it is drawn from."""

from __future__ import annotations

from collections import Counter

from .models import AnswerOutcome, CommentStatus, Report


def report_context(report: Report) -> dict:
    """The report's parts: text, statistics per article and outcome, every comment with its answer, changes."""
    consultation = report.consultation
    version = consultation.act_version
    articles = {a.pk: a for a in version.articles.only("id", "version_id", "number", "heading", "position")}
    comments = list(
        consultation.comments.exclude(status=CommentStatus.HIDDEN)
        .select_related("answer")
        .only(
            "id",
            "consultation_id",
            "article_id",
            "text",
            "quote",
            "author_name",
            "source",
            "received_on",
            "status",
            "answer__outcome",
            "answer__reasoning",
        )
        .order_by("created_at", "id")
    )
    per_article: Counter = Counter()
    outcomes: Counter = Counter()
    rows = []
    for comment in comments:
        article = articles.get(comment.article_id)
        per_article[comment.article_id] += 1
        try:
            answer = comment.answer
        except comment.__class__.answer.RelatedObjectDoesNotExist:
            answer = None
        if answer is not None:
            outcomes[answer.outcome] += 1
        rows.append({"comment": comment, "article": article, "answer": answer})
    rows.sort(key=lambda row: (row["article"].position if row["article"] else -1, row["comment"].pk))
    article_rows = [{"article": articles[pk], "count": count} for pk, count in per_article.items() if pk is not None]
    article_rows.sort(key=lambda row: row["article"].position)
    changes = []
    if report.proposal_version_id:
        from infocentar.acts.compare import compare_versions

        changes = [c for c in compare_versions(version, report.proposal_version) if c.is_changed]
    return {
        "report": report,
        "rows": rows,
        "general_count": per_article.get(None, 0),
        "article_rows": article_rows,
        "outcome_rows": [(label, outcomes.get(value, 0)) for value, label in AnswerOutcome.choices],
        "comment_total": len(comments),
        "participant_total": len({c.author_name for c in comments}),
        "meetings": list(consultation.meetings.all()),
        "changes": changes,
    }
