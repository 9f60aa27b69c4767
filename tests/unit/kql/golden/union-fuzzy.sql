WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_AADNonInteractiveUserSignInLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType" FROM "AADNonInteractiveUserSignInLogs"
),
"t3_union" AS (
  SELECT "TimeGenerated" AS "TimeGenerated", "UserPrincipalName" AS "UserPrincipalName", "AppId" AS "AppId", "AppDisplayName" AS "AppDisplayName", "IPAddress" AS "IPAddress", "ResultType" AS "ResultType", "LocationDetails" AS "LocationDetails", "ConditionalAccessPolicies" AS "ConditionalAccessPolicies" FROM t1_SigninLogs UNION ALL SELECT "TimeGenerated" AS "TimeGenerated", "UserPrincipalName" AS "UserPrincipalName", '' AS "AppId", "AppDisplayName" AS "AppDisplayName", "IPAddress" AS "IPAddress", "ResultType" AS "ResultType", CAST(NULL AS VARCHAR) AS "LocationDetails", CAST(NULL AS VARCHAR) AS "ConditionalAccessPolicies" FROM t2_AADNonInteractiveUserSignInLogs
),
"t4_summarize" AS (
  SELECT "IPAddress", CAST(count(*) AS BIGINT) AS "Attempts" FROM t3_union GROUP BY 1
)
SELECT "IPAddress", "Attempts" FROM t4_summarize
