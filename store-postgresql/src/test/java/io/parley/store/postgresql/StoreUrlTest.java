package io.parley.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreUrlTest {

    @Test
    void theQueryFormGoesToTheDriverAsItIsAndIsShownWithoutItsPassword() {
        StoreUrl url = StoreUrl.parse("postgresql://db:5433/parley?user=parley&password=s3cret&sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/parley?user=parley&password=s3cret&sslmode=require");
        assertThat(url.shown()).isEqualTo("postgresql://db:5433/parley?user=parley&password=***&sslmode=require");
    }

    @Test
    void theLibpqFormsCredentialsBecomeDriverProperties() {
        StoreUrl url = StoreUrl.parse("postgres://parley:p%40ss@db/parley");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/parley");
        assertThat(url.credentials()).containsEntry("user", "parley").containsEntry("password", "p@ss");
        assertThat(url.shown()).isEqualTo("postgresql://parley@db/parley").doesNotContain("p@ss");
    }

    @Test
    void aJdbcUrlIsTakenAndAnotherSchemeIsRefusedWithoutShowingItsPassword() {
        assertThat(StoreUrl.parse("jdbc:postgresql://127.0.0.1:5432/x?user=postgres").jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?user=postgres");
        assertThatThrownBy(() -> StoreUrl.parse("mysql://root:s3cret@db/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }
}
