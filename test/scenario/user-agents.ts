/**
 * User agents as AWS SDKs and tools send them (SDK user-agent v2.0 format where the
 * client uses it). A workload keeps one client, so its agent string is stable; a change
 * of client is itself a signal investigators look for.
 */

/** Python on EC2 (Amazon Linux 2023): the nightly ETL job. */
export const BOTO3_EC2 =
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1.82-99.168.amzn2023.x86_64 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69';

/** Python in an ECS Fargate task: the support agent. */
export const BOTO3_FARGATE =
  'Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#5.10.214-202.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython exec-env/AWS_ECS_FARGATE cfg/retry-mode#standard Botocore/1.34.84';

/** Java in an ECS-on-EC2 task: long-tail application roles. */
export const JAVA_ECS =
  'aws-sdk-java/2.25.16 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_EC2 io/sync http/Apache cfg/retry-mode/standard';

/** Go on EC2: long-tail application roles. */
export const GO_EC2 =
  'aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.2 md/GOOS#linux md/GOARCH#amd64 api/s3#1.53.1';

const lambdaNode = new Map<string, string>();

/** JavaScript SDK v3 inside Lambda; the `api/` part names the client's service. */
export function lambdaNodeUa(service: string): string {
  let ua = lambdaNode.get(service);
  if (!ua) {
    ua = `aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.213-222.834.amzn2.x86_64 lang/js md/nodejs#20.11.1 api/${service}#3.540.0 exec-env/AWS_Lambda_nodejs20.x`;
    lambdaNode.set(service, ua);
  }
  return ua;
}

/** The `aws-actions/configure-aws-credentials` GitHub Action. */
export const GITHUB_CONFIGURE_CREDENTIALS =
  'aws-sdk-nodejs/2.1112.0 linux/v20.11.1 configure-aws-credentials-for-github-actions promise';

/** AWS CLI v2 on a GitHub-hosted Ubuntu runner; append `command/<service>.<verb>`. */
export const CLI_GITHUB_RUNNER =
  'aws-cli/2.15.38 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1017-azure md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython exe/x86_64.ubuntu.22 prompt/off';

/** AWS CLI v2 inside a CodeBuild container. */
export const CLI_CODEBUILD =
  'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#4.14.336-257.562.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython exec-env/AWS_ECS_EC2 exe/x86_64.amzn.2 prompt/off';

/** AWS CLI v2 on a Kali Linux box: what the intruder in the demo uses. */
export const CLI_KALI =
  'aws-cli/2.15.10 md/awscrt#0.19.19 ua/2.0 os/linux#6.6.9-amd64 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython exe/x86_64.kali.2024 prompt/off';

export function cliCommand(base: string, command: string): string {
  return `${base} command/${command}`;
}

export const BROWSER_CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

export const BROWSER_FIREFOX_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:124.0) Gecko/20100101 Firefox/124.0';

/** What many console-originated API calls carry instead of the browser's agent. */
export const AWS_INTERNAL = 'AWS Internal';
