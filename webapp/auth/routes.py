"""Views for signing in and out and changing one's password."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from webapp.auth import bp, services
from webapp.auth.forms import ChangePasswordForm, LoginForm
from webapp.boundary import perform
from webapp.extensions import limiter, login_manager
from webapp.urls import safe_local_path

login_manager.user_loader(services.load_user)

BAD_SIGNIN = "Email or password is incorrect."


def _signin_failed(response):
    # Only failed attempts count toward the limit: a success redirects.
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNIN_LIMIT"], methods=["POST"],
               deduct_when=_signin_failed)
def login():
    """Sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = perform(lambda: services.authenticate(form.email.data, form.password.data)).value
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(safe_local_path(request.args.get("next"), url_for("main.home")))
        flash(BAD_SIGNIN, "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out."""
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password; other sessions of the same person end."""
    form = ChangePasswordForm()
    if form.validate_on_submit() and perform(
            lambda: services.change_own_password(current_user, form.current_password.data,
                                                 form.password.data), form,
            "Your password is changed. Other sessions have been signed out."):
        # The token changed, so this session is renewed with the new one.
        login_user(current_user._get_current_object())
        return redirect(url_for("main.home"))
    return render_template("auth/change_password.html", form=form)
