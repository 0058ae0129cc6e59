import factory

from quartier.accounts.models import Membership, User
from quartier.core.tests.factories import MunicipalityFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    display_name = factory.Faker("first_name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", "quartier-test-pw")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """An allauth-verified primary e-mail, so the user can sign in."""
        if not create:
            return
        self.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=self, email=self.email, defaults={"verified": True, "primary": True}
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = "resident"
