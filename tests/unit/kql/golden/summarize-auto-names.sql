WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_summarize" AS (
  SELECT lower("UserPrincipalName") AS "Column1", CASE WHEN epoch_us(TIMESTAMP '1970-01-01 00:00:00' + to_microseconds(CAST(3600000000 AS BIGINT))) > 0 THEN make_timestamp(CAST(floor(epoch_us("TimeGenerated") / epoch_us(TIMESTAMP '1970-01-01 00:00:00' + to_microseconds(CAST(3600000000 AS BIGINT)))) AS BIGINT) * epoch_us(TIMESTAMP '1970-01-01 00:00:00' + to_microseconds(CAST(3600000000 AS BIGINT)))) END AS "TimeGenerated", CAST(count(*) AS BIGINT) AS "count_", CAST(count(DISTINCT "IPAddress") AS BIGINT) AS "dcount_IPAddress", ('[' || coalesce(string_agg(DISTINCT CASE WHEN regexp_matches("AppDisplayName", '[\x00-\x1f]') THEN kql_json_string(CAST("AppDisplayName" AS VARCHAR)) ELSE '"' || replace(replace("AppDisplayName", '\', '\\'), '"', '\"') || '"' END, ','), '') || ']') AS "set_AppDisplayName" FROM t1_SigninLogs GROUP BY 1, 2
)
SELECT "Column1", "TimeGenerated", "count_", "dcount_IPAddress", "set_AppDisplayName" FROM t2_summarize
