from django.urls import path

from krokarm.cases import views

app_name = "cases"

urlpatterns = [
    path("fraga/skicka/", views.send, name="send"),
    path("fraga/arende/<str:token>/", views.status, name="status"),
    path("inkorg/", views.inbox, name="inbox"),
    path("inkorg/<str:reference>/", views.detail, name="detail"),
    path("inkorg/<str:reference>/ta-emot/", views.accept, name="accept"),
    path("inkorg/<str:reference>/svara/", views.answer, name="answer"),
    path("inkorg/<str:reference>/skicka-vidare/", views.forward, name="forward"),
    path("samordning/arenden/", views.overdue, name="overdue"),
]
