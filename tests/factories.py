import time

import factory
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Participant, User
from accounts.two_factor import second_factor_required


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

    @factory.post_generation
    def authenticator(obj, create, extracted, **kwargs):
        """People whose role requires a second factor have set one up, unless
        authenticator=False; authenticator=True gives one to anybody."""
        wanted = second_factor_required(obj) if extracted is None else extracted
        if create and wanted:
            TOTPDevice.objects.create(user=obj, name="Test phone", confirmed=True)


def authenticator_code(user) -> str:
    """The code the person's authenticator app shows, as a phone would compute it.

    A code is accepted once: when this step's code was used already, the next
    step's is given (the device accepts one step of clock drift), after waiting
    for it to come within reach if need be.
    """
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    next_unused = (device.last_t + 1) * device.step + device.t0
    too_early = next_unused - (time.time() + device.tolerance * device.step)
    if too_early > 0:
        time.sleep(too_early + 0.1)
    totp.time = max(time.time(), next_unused)
    return f"{totp.token():0{device.digits}d}"


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


# --- Good practices and capacities ----------------------------------------------


def _published_at(record):
    from django.utils import timezone

    return timezone.now() if record.status == "published" else None


def _mandates_and_vector(record, create, extracted, **kwargs):
    """Mandates (numbers; 10 unless given), then the search vector as a save makes."""
    from good_practices.search import search_vector_refresh
    from mandates.models import Mandate

    if create:
        record.mandates.set(Mandate.objects.filter(number__in=extracted or [10]))
        search_vector_refresh(record)


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    """A published practice of Argentina on mandate 10, unless told otherwise."""

    class Meta:
        model = "good_practices.GoodPractice"
        skip_postgeneration_save = True

    kind = "practice"
    participant = factory.LazyFunction(lambda: Participant.objects.get(code="ARG"))
    title = factory.Sequence(lambda n: f"Practice number {n}")
    summary = "A practice that worked."
    description = "What was done, step by step."
    institution = "National institution"
    start_year = 2019
    results = "Measured results."
    language = "en"
    status = "published"
    published_at = factory.LazyAttribute(_published_at)
    mandates = factory.PostGeneration(_mandates_and_vector)


class CapacityFactory(factory.django.DjangoModelFactory):
    """A published training capacity of the OAS on mandate 10, unless told otherwise."""

    class Meta:
        model = "good_practices.RegionalCapacity"
        skip_postgeneration_save = True

    kind = "capacity"
    participant = factory.LazyFunction(lambda: Participant.objects.get(code="OAS"))
    title = factory.Sequence(lambda n: f"Capacity number {n}")
    summary = "Support that we offer."
    description = "What is offered."
    support_type = "training"
    subregions = factory.LazyFunction(lambda: ["americas"])
    languages_offered = factory.LazyFunction(lambda: ["en"])
    how_to_request = "Write to us."
    language = "en"
    status = "published"
    published_at = factory.LazyAttribute(_published_at)
    mandates = factory.PostGeneration(_mandates_and_vector)


def _first_mandate():
    from mandates.models import Mandate

    return Mandate.objects.get(number=1)


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


def make_contributor(participant, mandate_numbers, **user_fields):
    """A contributor of `participant` for the mandates numbered `mandate_numbers`,
    as an accepted invitation makes one; returns the person."""
    from mandates.models import Mandate
    from progress.models import ContributorMandate

    membership = MembershipFactory(
        participant=participant,
        role=Membership.Role.CONTRIBUTOR,
        **{f"user__{name}": value for name, value in user_fields.items()},
    )
    ContributorMandate.objects.bulk_create(
        ContributorMandate(membership=membership, mandate=mandate)
        for mandate in Mandate.objects.filter(number__in=mandate_numbers)
    )
    return membership.user


# --- Civil society -----------------------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An approved civil-society organisation."""

    class Meta:
        model = "civil_society.Organisation"

    name = factory.Sequence(lambda n: f"Observatorio Ciudadano {n}")
    website = factory.Sequence(lambda n: f"https://observatorio{n}.example.org/")
    contact_name = "Ana Pérez"
    contact_email = factory.Sequence(lambda n: f"contact{n}@observatorio.example.org")
    description = "Citizens who follow anti-corruption commitments."
    accepted_code_of_conduct_at = factory.LazyFunction(timezone.now)
    status = "approved"
    decided_at = factory.LazyFunction(timezone.now)


class ObservationFactory(factory.django.DjangoModelFactory):
    """An observation stored as it is (published by default), without the
    workflow: for reads. Pass status="draft" etc. for the others."""

    class Meta:
        model = "civil_society.Observation"

    organisation = factory.SubFactory(OrganisationFactory)
    participant = factory.LazyFunction(lambda: Participant.objects.get(code="ARG"))
    mandate = factory.LazyFunction(_first_mandate)
    cycle = None
    assessment = "initial"
    text = "The law exists on paper; the agency has no budget."
    language = "en"
    status = "published"
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == "published" else None
    )
    decline_reason = factory.LazyAttribute(
        lambda o: "Not about the mandate." if o.status == "declined" else ""
    )


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "civil_society.Reply"

    observation = factory.SubFactory(ObservationFactory)
    text = "The budget was approved in March."
    language = "en"
