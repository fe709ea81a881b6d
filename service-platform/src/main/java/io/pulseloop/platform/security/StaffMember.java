package io.pulseloop.platform.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authenticated staff member: their CRM owner id (the JWT's {@code sub}, or the claim named by
 * {@code pulseloop.security.owner-id-claim}; {@code admin} for the local Basic user) and their roles.
 *
 * <p>Take it as a controller method argument ({@code StaffMember caller}) or call {@link #current()}; no service
 * needs to read a JWT.
 *
 * @param ownerId the CRM owner id, never blank
 * @param roles   the known roles the caller holds (unknown role names in the claim are left out)
 */
public record StaffMember(String ownerId, Set<StaffRole> roles) {

    public StaffMember {
        Objects.requireNonNull(ownerId, "ownerId");
        roles = roles.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(StaffRole.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /** The staff member an authentication stands for: its name is the owner id (the platform sets it so). */
    public static StaffMember from(Authentication authentication) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            StaffRole.fromAuthority(authority.getAuthority()).ifPresent(roles::add);
        }
        return new StaffMember(authentication.getName(), roles);
    }

    /** The staff member of the current request, or empty when it is anonymous or not authenticated. */
    public static Optional<StaffMember> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(from(authentication));
    }

    public boolean hasRole(StaffRole role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(StaffRole.ADMIN);
    }

    public boolean isManager() {
        return hasRole(StaffRole.MANAGER);
    }

    public boolean isAgent() {
        return hasRole(StaffRole.AGENT);
    }
}
