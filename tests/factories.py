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
