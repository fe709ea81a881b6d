package io.pulseloop.closedloop.security;

import java.util.Set;

/**
 * The authenticated staff member: their CRM owner id ({@code admin} for the local Basic user) and roles.
 */
public record StaffMember(String ownerId, Set<String> roles) {

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }

    public boolean isManager() {
        return roles.contains("MANAGER");
    }
}
