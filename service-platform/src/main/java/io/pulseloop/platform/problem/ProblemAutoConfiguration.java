package io.pulseloop.platform.problem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;

/** The platform's problem shape for every servlet service: {@link PlatformProblemHandler} and the {@code /error} answer. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class ProblemAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PlatformProblemHandler platformProblemHandler() {
        return new PlatformProblemHandler();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(ErrorAttributes errorAttributes,
            WebProperties webProperties, ObjectProvider<ErrorViewResolver> errorViewResolvers,
            PlatformProblemHandler handler) {
        return new ProblemErrorController(errorAttributes, webProperties.getError(),
                errorViewResolvers.orderedStream().toList(), handler);
    }
}
