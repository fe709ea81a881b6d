package io.pulseloop.response.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Admits every request that records an answer through {@link IntakeAdmission} before its handler runs:
 * {@code POST /api/v1/responses}, {@code POST /s/{token}} and {@code GET /s/{token}?score=N}. A plain page view
 * or a {@code HEAD} records nothing and is not counted. Runs as a handler interceptor (not a servlet filter) so
 * that a refusal is answered by the same exception handlers as every other error of these endpoints: problem+json
 * for the API, the localized page for a browser. The permit is released when the request completes.
 */
@Configuration(proxyBeanMethods = false)
class IntakeAdmissionInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private static final String PERMIT = IntakeAdmissionInterceptor.class.getName() + ".permit";

    private final IntakeAdmission admission;

    IntakeAdmissionInterceptor(IntakeAdmission admission) {
        this.admission = admission;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/responses", "/s/*");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (recordsAnAnswer(request)) {
            request.setAttribute(PERMIT, admission.admit());
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (request.getAttribute(PERMIT) instanceof IntakeAdmission.Permit permit) {
            request.removeAttribute(PERMIT);
            permit.close();
        }
    }

    private static boolean recordsAnAnswer(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || ("GET".equals(method) && request.getParameter("score") != null);
    }
}
