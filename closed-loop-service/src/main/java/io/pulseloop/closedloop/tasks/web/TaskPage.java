package io.pulseloop.closedloop.tasks.web;

import java.util.List;

/** Spring Data's paged shape (contract §6.1): {@code {content, page{size, number, totalElements, totalPages}}}. */
public record TaskPage(List<TaskResponse> content, PageMetadata page) {

    /** Where the page is in the whole list. */
    public record PageMetadata(long size, long number, long totalElements, long totalPages) {
    }
}
