from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.profile, name="account_profile"),
    path("moji-podaci/", views.data_export, name="account_data_export"),
    path("moji-podaci/preuzmi/", views.data_export_json, name="account_data_export_json"),
    path("brisanje/", views.delete_account, name="account_delete"),
    path("", include("allauth.urls")),
]
