from django.urls import path

from krokarm.comments import views

app_name = "comments"

# The comment addresses come first: "/kommentarer/kommentar/5/svara/" must not be read as a thread key.
urlpatterns = [
    path("kommentarer/kommentar/<int:pk>/", views.comment_link, name="comment"),
    path("kommentarer/kommentar/<int:pk>/svara/", views.reply, name="reply"),
    path("kommentarer/kommentar/<int:pk>/anmal/", views.report, name="report"),
    path("kommentarer/<slug:name>/<path:key>/skriv/", views.post, name="post"),
    path("kommentarer/<slug:name>/<path:key>/stang/", views.close, name="close"),
    path("kommentarer/<slug:name>/<path:key>/oppna/", views.reopen, name="reopen"),
    path("kommentarer/<slug:name>/<path:key>/", views.thread, name="thread"),
    path("samordning/moderering/", views.moderation, name="moderation"),
    path("samordning/moderering/<int:pk>/dolj/", views.hide, name="hide"),
    path("samordning/moderering/<int:pk>/visa/", views.restore, name="restore"),
]
