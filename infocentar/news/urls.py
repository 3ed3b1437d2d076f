"""The news feeds, under the news index's address (/vijesti/…, and the same under /cir/ and /en/)."""

from django.urls import path

from .feeds import NewsAtomFeed, NewsFeed

urlpatterns = [
    path("rss/", NewsFeed(), name="news-rss"),
    path("atom/", NewsAtomFeed(), name="news-atom"),
    path("rss/<slug:slug>/", NewsFeed(), name="news-rss-organisation"),
    path("atom/<slug:slug>/", NewsAtomFeed(), name="news-atom-organisation"),
]
