/**
 * The floor of any cdktf synth: one stack with the AWS provider and one S3 bucket, provider classes
 * imported deep. Run by the synth figure in a fresh process; argv[2] is the output directory.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack } from "cdktf";
import { BenchError } from "../errors";

const outdir = process.argv[2];
if (!outdir) throw new BenchError("usage", "floor-synth needs the output directory as its first argument");
const app = new App({ outdir });
const stack = new TerraformStack(app, "floor");
new AwsProvider(stack, "aws", { region: "us-east-1" });
new S3Bucket(stack, "bucket", { bucket: "bench-floor" });
app.synth();
