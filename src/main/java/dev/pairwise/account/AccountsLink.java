package dev.pairwise.account;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The layout's "Accounts" link, shown to owners only. */
@ControllerAdvice
class AccountsLink {

	@ModelAttribute("showAccountsLink")
	boolean showAccountsLink(Authentication caller) {
		return caller != null && caller.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_OWNER".equals(authority.getAuthority()));
	}

}
