from rest_framework.routers import DefaultRouter

from accounts.api import ParticipantViewSet
from mandates.api import MandateViewSet, SectionViewSet

router = DefaultRouter()
router.register("sections", SectionViewSet, basename="section")
router.register("mandates", MandateViewSet, basename="mandate")
router.register("participants", ParticipantViewSet, basename="participant")
