"""The app's addresses plus /bench-echo/, a view that remembers who sent what (tests of bench sessions).

It sits behind the app's whole middleware stack (sessions, CSRF, authentication, staff MFA), so a
request reaches it only if those let it through.
"""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path

from infocentar import urls as app_urls

RECEIVED: list[dict] = []


def echo(request):
    RECEIVED.append(
        {
            "method": request.method,
            "user": request.user.email if request.user.is_authenticated else None,
            "form": {key: request.POST.getlist(key) for key in request.POST},
        }
    )
    if request.method == "POST":
        return redirect("/bench-echo/done/")
    return HttpResponse("echo")


urlpatterns = [path("bench-echo/", echo), *app_urls.urlpatterns]
handler400 = app_urls.handler400
handler403 = app_urls.handler403
handler404 = app_urls.handler404
handler500 = app_urls.handler500
