// The former home of `npm run model:download`, kept so that older notes still work.
import "./models/download-model";
