"""Tandem: helps a company's sales and marketing teams align."""
from flask import Flask, has_request_context
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp import config as config_module
from webapp import database  # noqa: F401  (installs the SQLite connection settings)
from webapp import cli, errors, security
from webapp.actions import routes as actions_routes
from webapp.admin import routes as admin_routes
from webapp.auth import routes as auth_routes
from webapp.auth import throttle
from webapp.comments import routes as comments_routes
from webapp.comments.markup import plain as comment_text
from webapp.comments.markup import render as comment_html
from webapp.conversations import routes as conversations_routes
from webapp.extensions import csrf, db, login_manager, mailer, migrate
from webapp.fields import length_limit
from webapp.goals import routes as goals_routes
from webapp.health import routes as health_routes
from webapp.ideas import routes as ideas_routes
from webapp.mail import routes as mail_routes
from webapp.main import routes as main_routes
from webapp.limits import COMMENT_LIMIT, IDEA_LIMIT, REPLY_LIMIT, TEXT_LIMIT, TITLE_LIMIT
from webapp.models import (LEVER_LABELS, LIKERT_LABELS, EventKind, ItemStatus, QuestionKind,
                           Role, RoundStatus, RunStatus)
from webapp.navigation import nav_links
from webapp.notifications import routes as notifications_routes
from webapp.notifications.services import unread_count
from webapp.pairing import routes as pairing_routes
from webapp.params import CleanRequest, IdConverter
from webapp.recognition import routes as recognition_routes
from webapp.reports import routes as reports_routes
from webapp.spotlight import routes as spotlight_routes
from webapp.surveys import routes as surveys_routes
from webapp.themes import routes as themes_routes
from webapp.jobs import Jobs
from webapp.themes.runner import ThemeRunner

__all__ = ["create_app"]


def create_app(config=None):
    """Create the app; ``config`` (a mapping) replaces the environment, as in tests."""
    app = Flask(__name__, instance_relative_config=True)
    app.request_class = CleanRequest
    app.config.from_mapping(config_module.DEFAULTS)
    if config is None:
        app.config.from_mapping(config_module.from_environment(app.instance_path))
    else:
        app.config.from_mapping(config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_helpers(app)
    security.register(app)
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        # Behind a proxy, the client's address (for the sign-in limit) and the scheme
        # come from its X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,
                                x_host=proxies)
    return app


def register_extensions(app):
    """Bind the extensions to ``app``."""
    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    throttle.init_app(app)
    login_manager.init_app(app)
    mailer.init_app(app)
    Jobs().init_app(app)
    ThemeRunner().init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    # Sessions are tied to the login token, so "strong" protection adds nothing but
    # sign-outs when a laptop changes network.
    login_manager.session_protection = "basic"


def register_blueprints(app):
    """Register one blueprint per area (each routes module adds its views to its ``bp``).

    Every ``int`` in a route is an id within the database's range.
    """
    app.url_map.converters["int"] = IdConverter
    app.register_blueprint(main_routes.bp)
    app.register_blueprint(auth_routes.bp)
    app.register_blueprint(admin_routes.bp, url_prefix="/admin")
    app.register_blueprint(surveys_routes.bp, url_prefix="/rounds")
    app.register_blueprint(ideas_routes.bp)
    app.register_blueprint(themes_routes.bp)
    app.register_blueprint(actions_routes.bp)
    app.register_blueprint(comments_routes.bp)
    app.register_blueprint(goals_routes.bp)
    app.register_blueprint(spotlight_routes.bp)
    app.register_blueprint(pairing_routes.bp)
    app.register_blueprint(notifications_routes.bp)
    app.register_blueprint(reports_routes.bp)
    app.register_blueprint(conversations_routes.bp)
    app.register_blueprint(recognition_routes.bp)
    app.register_blueprint(health_routes.bp)
    app.register_blueprint(mail_routes.bp)


def register_errorhandlers(app):
    """Render friendly error pages; never a traceback."""
    errors.register(app)


def register_commands(app):
    """Register the ``flask`` shell commands."""
    for command in cli.commands:
        app.cli.add_command(command)


def register_template_helpers(app):
    """Make helpers available to every template."""
    app.jinja_env.globals.update(zip=zip, Role=Role, RoundStatus=RoundStatus,
                                 ItemStatus=ItemStatus, RunStatus=RunStatus,
                                 EventKind=EventKind, QuestionKind=QuestionKind,
                                 COMMENT_LIMIT=COMMENT_LIMIT, IDEA_LIMIT=IDEA_LIMIT,
                                 TEXT_LIMIT=TEXT_LIMIT, TITLE_LIMIT=TITLE_LIMIT,
                                 REPLY_LIMIT=REPLY_LIMIT,
                                 length_limit=length_limit, nav_links=nav_links,
                                 LIKERT_LABELS=LIKERT_LABELS,
                                 LEVER_LABELS={lever.value: label
                                               for lever, label in LEVER_LABELS.items()})

    @app.context_processor
    def unread_notifications():
        """The bell's count, for the navigation bar (mails are rendered outside requests)."""
        if has_request_context() and current_user.is_authenticated:
            # Counted with the person as the request signed in (auth.services.load_user).
            counted = getattr(current_user, "unread_at_load", None)
            return {"unread_count": unread_count(current_user) if counted is None else counted}
        return {"unread_count": 0}

    app.add_template_filter(comment_html, "comment_html")
    app.add_template_filter(comment_text, "comment_text")

    @app.template_filter("day")
    def format_day(value):
        """Format a date or datetime as e.g. 3 Feb 2027."""
        return f"{value.day} {value:%b %Y}" if value else ""
