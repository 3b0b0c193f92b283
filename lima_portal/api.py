from rest_framework.routers import DefaultRouter

from accounts.api import ParticipantViewSet
from good_practices.api import CapacityViewSet, GoodPracticeViewSet
from mandates.api import MandateViewSet, SectionViewSet
from progress.api.views import WorkspaceReportViewSet
from public_site.api import CycleViewSet, DashboardViewSet, PublishedReportViewSet
from public_site.observations_api import ObservationViewSet

router = DefaultRouter()
router.register("sections", SectionViewSet, basename="section")
router.register("mandates", MandateViewSet, basename="mandate")
router.register("participants", ParticipantViewSet, basename="participant")
router.register("good-practices", GoodPracticeViewSet, basename="good-practice")
router.register("capacities", CapacityViewSet, basename="capacity")
router.register("cycles", CycleViewSet, basename="cycle")
router.register("reports", PublishedReportViewSet, basename="report")
router.register("dashboards", DashboardViewSet, basename="dashboard")
router.register("observations", ObservationViewSet, basename="observation")
router.register(
    "workspace/reports", WorkspaceReportViewSet, basename="workspace-report"
)
