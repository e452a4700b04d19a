"""Names `make deadcode` (vulture) would call unused, and who does use them.

Vulture reads Python only; it cannot see Jinja templates, names read with getattr, or the
hooks Python, Typer, FastAPI and sqlite3 call. Routes, commands, validators and Alembic's
names are recognised by the decorators and names in pyproject.toml ([tool.vulture]). This file
is never run: mentioning a name is what marks it used. A new entry needs its reason.
"""

_: object

# Python's own hooks: a module `__getattr__` (PEP 562) loads cli/root.py lazily in cli/app.py;
# io.BufferedReader asks `readable()` of the byte counter in services/import_source.py.
_.__getattr__
_.readable

# Typer reads a command's options through inspect.signature and typing.get_type_hints, which
# read these off the command cli/contact_options.py `with_contact_options` builds.
_.__signature__
_.__annotations__

# Rich calls `on_broken_pipe` on a console whose output pipe has closed (cli/state.py).
_.on_broken_pipe

# sqlite3 reads `isolation_level` off the connection (store/db.py switches its own
# transaction handling off so that SQLAlchemy's BEGIN governs DDL too).
_.isolation_level

# Jinja templates under web/templates read these attributes and methods.
_.is_empty  # domain/model.py HowWeMet, in contact.html
_.ever_called  # services/insights.py, in insights.html
_.stand_ins  # web/pages/call.py Guide and contact_profile.py ScriptView, in stand_ins.html
_.why_now  # web/pages/today.py EntryCard, in partials/today_entry.html
_.days_late
_.height  # web/pages/insights.py chart geometry, in insights.html
_.missed
_.show_label
_.x_mid
_.cadence_x
_.stages  # web/pages/call.py and pages/contact_profile.py, in call.html and contact_script.html
_.needs_settings
_.fix_in_settings
_.good_now  # web/pages/today.py, in partials/today_entry.html

# Pydantic response models: FastAPI serialises every field, none is read in Python.
_.error  # web/schemas/common.py ErrorResponse
_.voicemail_limit_seconds  # web/schemas/calls.py
_.local_at
_.kept_in_notes  # web/schemas/data.py
_.merges
_.flagged_phones
_.from_  # web/schemas/plan.py (sent as "from" and "to")
_.to
_.left_today

# Read by name: getattr(settings, f"cadence_{kind}") in services/plan.py, browse.py and
# insights.py; getattr(columns, ...) over GoogleColumns' fields in interchange/google_csv.py.
_.cadence_business
_.cadence_personal
_.cadence_informal
_.cadence_organization
_.websites
_.events
_.custom_fields

# Enum members Typer offers as choices (`calendar export --birthdays`).
_.ALL

# cli/contact_options.py hands `contacts add` and `contacts edit` their shared options as one
# dict (`with_contact_options`), and edit takes its --remove-* options back with locals();
# apply_options reads them by name.
_.met_event
_.met_place
_.met_how
_.assistant
_.assistant_phone
_.interest
_.remove_phone
_.remove_email
_.remove_tag
_.remove_interest
_.remove_avoid
_.remove_date

# Fields of the shipped city data (data/city_facts.json), parsed whole in domain/city_facts.py:
# `as_of` dates the data (tests check it), `venue` is the team's home ground.
_.as_of
_.venue

# web/forms.py: the edit form renders the values it was shown with (contact_form.html), so a
# save applies only what was typed differently (issue 11, no lost updates).
_.original_json

# Pydantic response fields of issue 13: the import report's merges (web/schemas/data.py) and
# the duplicate pairs (web/schemas/duplicates.py).
_.incoming_name
_.basis
_.kept_separate
_.same_organization

# web/pages/trips.py: each trip row's invitation calls, shown by trips.html (issue 15.6).
_.invitations
