package dev.pairwise.account;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the pages show by role: the layout's "Accounts" link to owners only, and forms
 * that change something (uploads, deletes, a study's actions) to researchers and owners
 * only, as viewers would be refused them.
 */
@ControllerAdvice
class AccountsLink {

	@ModelAttribute("showAccountsLink")
	boolean showAccountsLink(Authentication caller) {
		return has(caller, "ROLE_OWNER");
	}

	@ModelAttribute("canChange")
	boolean canChange(Authentication caller) {
		return has(caller, "ROLE_RESEARCHER");
	}

	private static boolean has(Authentication caller, String role) {
		return caller != null
				&& caller.getAuthorities().stream().anyMatch((authority) -> role.equals(authority.getAuthority()));
	}

}
