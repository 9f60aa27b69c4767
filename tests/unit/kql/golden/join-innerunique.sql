WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_AADRiskyUsers" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("RiskLevel", '') AS "RiskLevel", coalesce("RiskState", '') AS "RiskState", coalesce("RiskDetail", '') AS "RiskDetail" FROM "AADRiskyUsers"
),
"t3_where" AS (
  SELECT * FROM t2_AADRiskyUsers WHERE ("RiskState" = 'atRisk')
),
"t4_project" AS (
  SELECT "UserPrincipalName", "RiskLevel" FROM t3_where
),
"t5_join" AS (
  SELECT l."TimeGenerated" AS "TimeGenerated", l."UserPrincipalName" AS "UserPrincipalName", l."AppId" AS "AppId", l."AppDisplayName" AS "AppDisplayName", l."IPAddress" AS "IPAddress", l."ResultType" AS "ResultType", l."LocationDetails" AS "LocationDetails", l."ConditionalAccessPolicies" AS "ConditionalAccessPolicies", r."UserPrincipalName" AS "UserPrincipalName1", r."RiskLevel" AS "RiskLevel" FROM (SELECT * EXCLUDE ("__loupe_rn") FROM (SELECT *, row_number() OVER () AS "__loupe_rn" FROM t1_SigninLogs) QUALIFY row_number() OVER (PARTITION BY "UserPrincipalName" ORDER BY "__loupe_rn") = 1) AS l JOIN t4_project AS r ON l."UserPrincipalName" = r."UserPrincipalName"
),
"t6_project" AS (
  SELECT "UserPrincipalName", "UserPrincipalName1", "RiskLevel" FROM t5_join
)
SELECT "UserPrincipalName", "UserPrincipalName1", "RiskLevel" FROM t6_project
