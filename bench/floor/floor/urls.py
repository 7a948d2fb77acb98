from django.shortcuts import render
from django.urls import path


def page(request):
    return render(request, "floor.html")


urlpatterns = [path("", page)]
