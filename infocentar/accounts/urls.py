from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.profile, name="account_profile"),
    path("moji-podaci/", views.data_export, name="account_data_export"),
    path("brisanje/", views.delete_account, name="account_delete"),
    path("", include("allauth.urls")),
]
