"""Views for signing in and out and changing one's password."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from webapp.auth.forms import (ChangePasswordForm, ForgotPasswordForm, LoginForm,
                               SetPasswordForm)
from webapp.auth import bp, password_links, services
from webapp.boundary import perform
from webapp.extensions import login_manager
from webapp.urls import safe_local_path

login_manager.user_loader(services.load_user)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with email and password; refused for a while after repeated failures."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    done = perform(lambda: services.sign_in(form.email.data, form.password.data,
                                            request.remote_addr))
    if done:
        login_user(done.value, remember=form.remember.data)
        return redirect(safe_local_path(request.args.get("next"), url_for("main.home")))
    if isinstance(done.error, services.TooManySignins):
        return (render_template("auth/login.html", form=form), 429,
                {"Retry-After": str(done.error.retry_after)})
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out, ending every session of the person on every device."""
    if current_user.is_authenticated:
        perform(lambda: services.end_sessions(current_user))
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


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    """Ask for a password link; the answer is the same whether the address is known."""
    form = ForgotPasswordForm()
    sent = form.validate_on_submit() and bool(
        perform(lambda: services.ask_for_password_link(form.email.data)))
    return render_template("auth/forgot_password.html", form=form, sent=sent)


@bp.route("/password/set/<token>", methods=["GET", "POST"])
def set_password(token):
    """Set a password from a link in a mail (an invitation or a forgotten password)."""
    person = password_links.user_for_token(token)
    form = SetPasswordForm()
    if person is not None and form.validate_on_submit():
        done = perform(lambda: password_links.set_password_with_token(token, form.password.data),
                       form, "Your password is set. Welcome to Tandem.")
        if done:
            logout_user()
            login_user(done.value)
            return redirect(url_for("main.home"))
    return render_template("auth/set_password.html", form=form, person=person,
                           expired=password_links.EXPIRED)
