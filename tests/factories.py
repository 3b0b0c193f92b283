import factory

from accounts.models import Membership, Participant, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"ZZ{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}")
    kind = Participant.Kind.STATE
    name_en = factory.LazyAttribute(lambda o: f"State {o.code}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    participant = factory.SubFactory(ParticipantFactory)
    role = Membership.Role.FOCAL_POINT


def _first_mandate():
    from mandates.models import Mandate

    return Mandate.objects.get(number=1)


def _published_at(report):
    from django.utils import timezone

    return timezone.now() if report.status == "published" else None


class ProgressReportFactory(factory.django.DjangoModelFactory):
    """A report stored as it is, without going through the workflow."""

    class Meta:
        model = "progress.ProgressReport"

    participant = factory.LazyFunction(lambda: Participant.objects.get(code="ARG"))
    mandate = factory.LazyFunction(_first_mandate)
    cycle = None
    status = "published"
    implementation_level = "advanced"
    actions_taken = "Adopted a law."
    published_at = factory.LazyAttribute(_published_at)
