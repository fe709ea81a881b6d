package io.pulseloop.platform.security;

import java.util.Locale;
import java.util.Optional;

/** The staff roles of the {@code roles} claim (contract §7); granted as authorities {@code ROLE_<name>}. */
public enum StaffRole {
    ADMIN, MANAGER, AGENT;

    /** The Spring Security authority of this role, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role an authority such as {@code ROLE_AGENT} stands for; empty for any other authority. */
    public static Optional<StaffRole> fromAuthority(String authority) {
        if (authority == null || !authority.startsWith("ROLE_")) {
            return Optional.empty();
        }
        String name = authority.substring("ROLE_".length()).toUpperCase(Locale.ROOT);
        for (StaffRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
