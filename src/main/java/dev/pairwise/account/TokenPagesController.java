package dev.pairwise.account;

import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every account's own "API tokens" page: its tokens, a new one (its secret shown once, in
 * the answer that creates it), and revoking one. Like the API, only for an account signed
 * in by password.
 */
@Controller
class TokenPagesController {

	private final Accounts accounts;

	private final ApiTokens tokens;

	TokenPagesController(Accounts accounts, ApiTokens tokens) {
		this.accounts = accounts;
		this.tokens = tokens;
	}

	@GetMapping("/tokens")
	String list(Principal caller, Model model) {
		Accounts.Account me = me(caller);
		model.addAttribute("tokens", this.tokens.list(me.id()));
		model.addAttribute("now", Instant.now());
		model.addAttribute("roles", Arrays.stream(Role.values()).filter(me.role()::includes).map(Role::id).toList());
		return "account/tokens";
	}

	/**
	 * Answers with the page itself rather than a redirect, so that the secret is never
	 * kept in the session (which lives in the database) on its way to the next page.
	 */
	@PostMapping("/tokens")
	String create(@RequestParam String name, @RequestParam String role,
			@RequestParam(required = false) Integer expiresInDays, Principal caller, Model model) {
		try {
			model.addAttribute("created", this.tokens.create(me(caller), name, role, expiresInDays));
		}
		catch (AccountChangeRefused refused) {
			model.addAttribute("problem", refused.getMessage());
		}
		return list(caller, model);
	}

	@PostMapping("/tokens/{id}/revoke")
	String revoke(@PathVariable long id, Principal caller, RedirectAttributes redirect) {
		try {
			this.tokens.revoke(me(caller).id(), id);
		}
		catch (AccountChangeRefused refused) {
			redirect.addFlashAttribute("problem", refused.getMessage());
		}
		return "redirect:/tokens";
	}

	private Accounts.Account me(Principal caller) {
		return this.accounts.byUsername(caller.getName()).orElseThrow();
	}

}
