from django.urls import path

from krokarm.needs import views

app_name = "needs"

urlpatterns = [
    path("behov/", views.need_list, name="list"),
    path("behov/ny/", views.create, name="create"),
    path("behov/<int:pk>/", views.need_detail, name="detail"),
    path("behov/<int:pk>/andra/", views.edit, name="edit"),
    path("behov/<int:pk>/stang/", views.close, name="close"),
    path("behov/<int:pk>/svara/", views.answer, name="answer"),
    path("behov/<int:pk>/svar/<int:answer_pk>/kommentera/", views.reply, name="reply"),
]
