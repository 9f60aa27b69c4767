WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_where" AS (
  SELECT * FROM t1_SigninLogs WHERE (("TimeGenerated" > (CAST(getvariable('loupe_now') AS TIMESTAMP) - to_microseconds(CAST(86400000000 AS BIGINT)))) AND ("ResultType" = '0'))
),
"t3_extend" AS (
  SELECT "TimeGenerated", "UserPrincipalName", "AppId", "AppDisplayName", "IPAddress", "ResultType", "LocationDetails", "ConditionalAccessPolicies", (kql_dyn_tostring(CAST(kql_dyn_get(CAST("LocationDetails" AS VARCHAR), CAST('countryOrRegion' AS VARCHAR)) AS VARCHAR))) AS "Country" FROM t2_where
),
"t4_project" AS (
  SELECT "TimeGenerated", "UserPrincipalName", "Country" FROM t3_extend
)
SELECT "TimeGenerated", "UserPrincipalName", "Country" FROM t4_project
