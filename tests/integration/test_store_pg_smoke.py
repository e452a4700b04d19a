from callwise.domain.model import Contact, Phone
from callwise.services import contacts as service
from callwise.services.app import App


def test_saved_contact_comes_back(app: App) -> None:
    saved = service.save_contact(app, Contact(given_name="Zoë", family_name="Müller",
                                              phones=(Phone("816 555 0142"),)))
    assert service.get_contact(app, saved.id or 0) == saved
    assert [c.id for c in service.find_contacts(app, "zoe MULL").contacts] == [saved.id]
